# --8<-- [start:tenseur]
import tensorflow as tf

# 3 blocs de 2 lignes × 2 colonnes
tenseur = tf.constant([[[1, 2], [3, 4]],
                       [[5, 6], [7, 8]],
                       [[9, 10], [11, 12]]])
print(tenseur.shape)
#> (3, 2, 2)
# --8<-- [end:tenseur]

# --8<-- [start:indexing]
# Chaque indice entier fait disparaître un axe
print(tenseur[0].shape, "->", tenseur[0].numpy().tolist())           # 1er bloc
print(tenseur[0, 1].shape, "->", tenseur[0, 1].numpy().tolist())     # 2e ligne du 1er bloc
print(tenseur[0, 1, 1].shape, "->", tenseur[0, 1, 1].numpy())        # un seul élément
print(tenseur[-1, -1, -1].numpy())                                   # indices négatifs : depuis la fin
#> (2, 2) -> [[1, 2], [3, 4]]
#> (2,) -> [3, 4]
#> () -> 4
#> 12
# --8<-- [end:indexing]

# --8<-- [start:slicing]
# Une tranche (slice) garde l'axe, même si elle ne contient qu'un élément
print(tenseur[:2].shape)          # les deux premiers blocs
print(tenseur[:, 0, :].shape)     # la 1re ligne de chaque bloc
print(tenseur[:, 0, :].numpy().tolist())
print(tenseur[1:, :1, :].shape)   # blocs 1 et 2, 1re ligne seulement
#> (2, 2, 2)
#> (3, 2)
#> [[1, 2], [5, 6], [9, 10]]
#> (2, 1, 2)
# --8<-- [end:slicing]

# --8<-- [start:pas]
# L'incrément ::2 s'applique à l'axe où il est écrit
print("tenseur[::2]   :", tenseur[::2].shape)      # un bloc sur deux (axe 0)
print("tenseur[:, ::2]:", tenseur[:, ::2].shape)   # une ligne sur deux (axe 1)
print(tenseur[::2].numpy().tolist())
#> tenseur[::2]   : (2, 2, 2)
#> tenseur[:, ::2]: (3, 1, 2)
#> [[[1, 2], [3, 4]], [[9, 10], [11, 12]]]
# --8<-- [end:pas]

# --8<-- [start:gather]
indices = tf.constant([0, 2])

# tf.gather choisit des positions quelconques le long d'un axe (axis=0 par défaut)
selection = tf.gather(tenseur, indices)
print(selection.shape, selection.numpy().tolist())

# axis=2 : on choisit des colonnes ; ici la 2e colonne, en gardant l'axe
colonnes = tf.gather(tenseur, [1], axis=2)
print(colonnes.shape, colonnes.numpy().tolist())

# Un indice hors limites est une erreur (sur CPU)
try:
    tf.gather(tenseur, [0, 3])
except tf.errors.InvalidArgumentError as erreur:
    print(type(erreur).__name__, ":", erreur.message)
#> (2, 2, 2) [[[1, 2], [3, 4]], [[9, 10], [11, 12]]]
#> (3, 2, 1) [[[2], [4]], [[6], [8]], [[10], [12]]]
#> InvalidArgumentError : ...indices[1] = 3 is not in [0, 3)...
# --8<-- [end:gather]
