# --8<-- [start:tensorproto]
import json

import keras
import numpy as np
import tensorflow as tf

_, (test_images, _) = keras.datasets.fashion_mnist.load_data()
batch = test_images[:32, ..., np.newaxis].astype("float32")  # le lot de 32 images de la mesure de latence

# Le tenseur d'une requête gRPC : un TensorProto, construit par TensorFlow lui-même
corner = batch[:1, 14:15, 12:14]  # deux pixels seulement, pour voir les champs
print("valeurs :", corner.ravel())
print(tf.make_tensor_proto(corner), end="")
#> valeurs : [ 98. 136.]
#> dtype: DT_FLOAT
#> tensor_shape {
#>   dim {
#>     size: 1
#>   }
#>   dim {
#>     size: 1
#>   }
#>   dim {
#>     size: 2
#>   }
#>   dim {
#>     size: 1
#>   }
#> }
#> tensor_content: "\000\000\304B\000\000\010C"

proto = tf.make_tensor_proto(batch)  # ce qui irait dans PredictRequest.inputs["pixels"]
print("forme :", [dim.size for dim in proto.tensor_shape.dim], "| type :", tf.dtypes.as_dtype(proto.dtype).name)
print("relu à l'identique :", np.array_equal(tf.make_ndarray(proto), batch))
#> forme : [32, 28, 28, 1] | type : float32
#> relu à l'identique : True
# --8<-- [end:tensorproto]

# --8<-- [start:tailles]
sizes = {
    "TensorProto binaire (float32)": len(proto.SerializeToString()),
    "JSON, pixels entiers": len(json.dumps({"instances": batch.astype("uint8").tolist()})),
    "JSON, pixels flottants": len(json.dumps({"instances": batch.tolist()})),
}
for what, size in sizes.items():
    print(f"{what:<30} {size / 1024:6.1f} Ko")
#> TensorProto binaire (float32)    98.0 Ko
#> JSON, pixels entiers            143.9 Ko
#> JSON, pixels flottants          192.9 Ko
# --8<-- [end:tailles]
