# --8<-- [start:versions]
from importlib import metadata

# Quel paquet pip a installé le module « tensorflow » ? Le paquet complet « tensorflow » (celui de Colab),
# « tensorflow-cpu » (processeur seulement)… packages_distributions() le dit, sur toute machine.
fournisseur = metadata.packages_distributions()["tensorflow"][0]  # « tensorflow_cpu » : nom normalisé
paquet_tf = fournisseur.replace("_", "-")

# Versions des paquets réellement installés dans l'environnement
for paquet in [paquet_tf, "keras", "numpy"]:
    print(f"{paquet:<15} {metadata.version(paquet)}")
#> tensorflow-cpu  2.21.0
#> keras           3.15.1
#> numpy           2.4.6
# --8<-- [end:versions]

# --8<-- [start:python]
meta_tf = metadata.metadata(paquet_tf)
print(f"{paquet_tf}, Requires-Python :", meta_tf["Requires-Python"])

# Les classifiers « Programming Language :: Python :: 3.x » listent les versions testées
prefixe = "Programming Language :: Python :: 3."
versions = [c.rsplit(" :: ", 1)[1] for c in meta_tf.get_all("Classifier") if c.startswith(prefixe)]
print("Versions de Python annoncées :", ", ".join(versions))

meta_keras = metadata.metadata("keras")
print("keras, Requires-Python :", meta_keras["Requires-Python"])
#> tensorflow-cpu, Requires-Python : >=3.10
#> Versions de Python annoncées : 3.10, 3.11, 3.12, 3.13
#> keras, Requires-Python : >=3.11
# --8<-- [end:python]

# --8<-- [start:dependances]
requis = metadata.requires(paquet_tf)

# Dépendances obligatoires : celles qui ne dépendent d'aucun « extra »
obligatoires = [r for r in requis if "extra ==" not in r]
print(len(obligatoires), "dépendances obligatoires, dont :")
for r in obligatoires:
    if r.startswith(("keras", "numpy")):
        print("   ", r)
print("tensorboard en fait partie :", any(r.startswith("tensorboard") for r in obligatoires))

# Ce qu'ajoute « pip install tensorflow[and-cuda] » : les bibliothèques NVIDIA
cuda = [r.split(";")[0] for r in requis if 'extra == "and-cuda"' in r]
print("extra [and-cuda] :", len(cuda), "paquets NVIDIA, dont :")
for r in cuda:
    if "cudnn" in r or "cuda-runtime" in r:
        print("   ", r)
#> 20 dépendances obligatoires, dont :
#>     keras>=3.12.0
#>     numpy>=1.26.0
#> tensorboard en fait partie : False
#> extra [and-cuda] : 12 paquets NVIDIA, dont :
#>     nvidia-cuda-runtime-cu12<13.0,>=12.5.82
#>     nvidia-cudnn-cu12<10.0,>=9.3.0.75
# --8<-- [end:dependances]
