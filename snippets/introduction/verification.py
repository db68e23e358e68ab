# --8<-- [start:versions]
import sys

import keras
import tensorflow as tf

print("TensorFlow :", tf.__version__)
print("Keras      :", keras.__version__)
print("Python     :", sys.version.split()[0])
print("Backend de Keras :", keras.backend.backend())
# tf.keras n'est plus une copie séparée : ce sont les classes de Keras 3
print("tf.keras utilise Keras 3 :", tf.keras.layers.Dense is keras.layers.Dense)
#> TensorFlow : 2.21.0
#> Keras      : 3.15.1
#> Python     : ...
#> Backend de Keras : tensorflow
#> tf.keras utilise Keras 3 : True
# --8<-- [end:versions]

# --8<-- [start:appareils]
# Tous les appareils physiques visibles par TensorFlow
for appareil in tf.config.list_physical_devices():
    print(appareil)

# Seulement les GPU (liste vide avec le paquet tensorflow-cpu)
print("GPU :", tf.config.list_physical_devices("GPU"))
#> PhysicalDevice(name='/physical_device:CPU:0', device_type='CPU')
#> GPU : []
# --8<-- [end:appareils]

# --8<-- [start:eager]
print("Exécution immédiate :", tf.executing_eagerly())

# En mode immédiat, une opération renvoie tout de suite sa valeur
x = tf.constant([1.0, 2.0, 3.0])
y = x * 2
print(y)
print(y.numpy())
#> Exécution immédiate : True
#> tf.Tensor([2. 4. 6.], shape=(3,), dtype=float32)
#> [2. 4. 6.]
# --8<-- [end:eager]
