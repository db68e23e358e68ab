# --8<-- [start:une_variable]
import tensorflow as tf

# Une variable : TensorFlow suit automatiquement les opérations qui la lisent
x = tf.Variable(3.0)

# Tout ce qui est calculé dans le bloc « with » est enregistré sur la bande
with tf.GradientTape() as tape:
    y = x**2  # f(x) = x²

# dy/dx = 2x, évalué en x = 3
dy_dx = tape.gradient(y, x)
print(f"x = {x.numpy()}")
print(f"y = x² = {y.numpy()}")
print(f"dy/dx = {dy_dx.numpy()}")
#> x = 3.0
#> y = x² = 9.0
#> dy/dx = 6.0
# --8<-- [end:une_variable]

# --8<-- [start:polynome]
x = tf.Variable(3.0)

with tf.GradientTape() as tape:
    y = x**3 + 2 * x**2 - 5 * x + 3  # f(x) = x³ + 2x² − 5x + 3

dy_dx = tape.gradient(y, x)
print(f"f(3) = {y.numpy()}")
print(f"f'(3) par GradientTape : {dy_dx.numpy()}")

# Vérification à la main : f'(x) = 3x² + 4x − 5
print(f"f'(3) à la main        : {3 * 3.0**2 + 4 * 3.0 - 5}")
#> f(3) = 33.0
#> f'(3) par GradientTape : 34.0
#> f'(3) à la main        : 34.0
# --8<-- [end:polynome]

# --8<-- [start:plusieurs_variables]
x = tf.Variable(2.0)
y = tf.Variable(3.0)

with tf.GradientTape() as tape:
    z = x**2 * y + y**3  # z = x²y + y³

# Une liste de variables en entrée -> une liste de gradients, dans le même ordre
dz_dx, dz_dy = tape.gradient(z, [x, y])
print(f"∂z/∂x = 2xy      = {dz_dx.numpy()}")
print(f"∂z/∂y = x² + 3y² = {dz_dy.numpy()}")
#> ∂z/∂x = 2xy      = 12.0
#> ∂z/∂y = x² + 3y² = 31.0
# --8<-- [end:plusieurs_variables]

# --8<-- [start:derivee_seconde]
def derivatives(value):
    """Dérivées première et seconde de y = x³, par deux bandes imbriquées."""
    x = tf.Variable(value)
    with tf.GradientTape() as outer_tape:
        with tf.GradientTape() as inner_tape:
            y = x**3
        # Calculée DANS la bande externe, qui enregistre donc ce calcul
        dy_dx = inner_tape.gradient(y, x)  # 3x²
    d2y_dx2 = outer_tape.gradient(dy_dx, x)  # 6x
    return dy_dx.numpy(), d2y_dx2.numpy()

for value in [2.0, 3.0]:
    first, second = derivatives(value)
    print(f"x = {value} : dy/dx = 3x² = {first}, d²y/dx² = 6x = {second}")
#> x = 2.0 : dy/dx = 3x² = 12.0, d²y/dx² = 6x = 12.0
#> x = 3.0 : dy/dx = 3x² = 27.0, d²y/dx² = 6x = 18.0
# --8<-- [end:derivee_seconde]

# --8<-- [start:persistent]
x = tf.Variable(3.0)

# persistent=True : la bande peut servir plusieurs fois
with tf.GradientTape(persistent=True) as tape:
    y = x**2
    z = x**3

print(f"dy/dx = {tape.gradient(y, x).numpy()}")
print(f"dz/dx = {tape.gradient(z, x).numpy()}")
del tape  # libère les ressources retenues par la bande

# Par défaut, la bande est libérée dès le premier appel à gradient()
with tf.GradientTape() as tape:
    y = x**2
    z = x**3

print(f"dy/dx = {tape.gradient(y, x).numpy()}")
try:
    tape.gradient(z, x)
except RuntimeError as err:
    print(f"{type(err).__name__} : {err}")
#> dy/dx = 6.0
#> dz/dx = 27.0
#> dy/dx = 6.0
#> RuntimeError : A non-persistent GradientTape can only be used to compute one set of gradients (or jacobians)
# --8<-- [end:persistent]

# --8<-- [start:watch]
c = tf.constant(3.0)  # une constante n'est pas suivie par défaut

with tf.GradientTape() as tape:
    y = c**2
print("Sans watch :", tape.gradient(y, c))

with tf.GradientTape() as tape:
    tape.watch(c)  # on demande explicitement de suivre c
    y = c**2
print("Avec watch :", tape.gradient(y, c).numpy())

# Même piège avec une variable déclarée non entraînable
v = tf.Variable(3.0, trainable=False)
with tf.GradientTape() as tape:
    y = v**2
print("Variable non entraînable :", tape.gradient(y, v))
#> Sans watch : None
#> Avec watch : 6.0
#> Variable non entraînable : None
# --8<-- [end:watch]
