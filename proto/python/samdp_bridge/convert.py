"""Python values <-> the bridge's protobuf messages: tensors, info values, spaces."""

from __future__ import annotations

import numpy as np
from gymnasium import spaces

from samdp_bridge.proto import bridge_pb2 as pb

_DTYPES = {
    pb.DTYPE_FLOAT32: np.dtype("<f4"),
    pb.DTYPE_FLOAT64: np.dtype("<f8"),
    pb.DTYPE_UINT8: np.dtype("u1"),
    pb.DTYPE_INT8: np.dtype("i1"),
    pb.DTYPE_INT16: np.dtype("<i2"),
    pb.DTYPE_INT32: np.dtype("<i4"),
    pb.DTYPE_INT64: np.dtype("<i8"),
    pb.DTYPE_BOOL: np.dtype("?"),
    pb.DTYPE_UINT16: np.dtype("<u2"),
    pb.DTYPE_UINT32: np.dtype("<u4"),
    pb.DTYPE_UINT64: np.dtype("<u8"),
    pb.DTYPE_FLOAT16: np.dtype("<f2"),
}
_CODES = {dtype.newbyteorder("=").name: code for code, dtype in _DTYPES.items()}


def to_tensor(array) -> pb.Tensor:
    """A numpy array (or scalar) as a tensor of its own dtype."""
    array = np.asarray(array)
    code = _CODES.get(array.dtype.name)
    if code is None:
        raise ValueError(f"the bridge sends numeric and bool arrays, not dtype {array.dtype}")
    data = np.ascontiguousarray(array, dtype=_DTYPES[code]).tobytes()
    return pb.Tensor(dtype=code, shape=array.shape, data=data)


def from_tensor(tensor: pb.Tensor) -> np.ndarray:
    """A tensor as a (writable) numpy array in native byte order; a scalar tensor as a 0-d array."""
    dtype = _DTYPES.get(tensor.dtype)
    if dtype is None:
        raise ValueError(f"tensor has no known dtype ({tensor.dtype})")
    shape = tuple(tensor.shape)
    count = int(np.prod(shape, dtype=np.int64))
    if len(tensor.data) != count * dtype.itemsize:
        raise ValueError(f"tensor of shape {shape} and dtype {dtype.name} needs {count * dtype.itemsize} bytes, "
                         f"got {len(tensor.data)}")
    return np.frombuffer(tensor.data, dtype=dtype).astype(dtype.newbyteorder("="), copy=True).reshape(shape)


def to_value(value, path: str = "value") -> pb.Value:
    """A Python value (info, kwargs, options) as a bridge Value; numpy values keep their dtype."""
    if value is None:
        return pb.Value(null_value=pb.NULL_VALUE)
    if isinstance(value, bool):
        return pb.Value(bool_value=value)
    if isinstance(value, int):
        if not -(2 ** 63) <= value < 2 ** 63:
            raise ValueError(f"{path} = {value} does not fit in 64 bits")
        return pb.Value(int_value=value)
    if isinstance(value, float):
        return pb.Value(float_value=value)
    if isinstance(value, str):
        return pb.Value(string_value=value)
    if isinstance(value, bytes):
        return pb.Value(bytes_value=value)
    if isinstance(value, (np.ndarray, np.generic)):
        return pb.Value(tensor_value=to_tensor(value))
    if isinstance(value, dict):
        return pb.Value(map_value=to_value_map(value, path))
    if isinstance(value, (list, tuple)):
        items = [to_value(item, f"{path}[{i}]") for i, item in enumerate(value)]
        return pb.Value(list_value=pb.ValueList(items=items, tuple=isinstance(value, tuple)))
    raise ValueError(f"{path} holds a {type(value).__name__}, which the bridge cannot send "
                     "(it sends None, numbers, bools, strings, bytes, numpy arrays, dicts, lists and tuples)")


def to_value_map(mapping: dict, path: str = "value") -> pb.ValueMap:
    entries = []
    for key, item in mapping.items():
        if not isinstance(key, str):
            raise ValueError(f"{path} has the key {key!r}; only string keys cross the bridge")
        entries.append(pb.ValueMap.Entry(key=key, value=to_value(item, f"{path}[{key!r}]")))
    return pb.ValueMap(entries=entries)


def from_value(value: pb.Value):
    kind = value.WhichOneof("kind")
    if kind is None or kind == "null_value":
        return None
    if kind == "tensor_value":
        array = from_tensor(value.tensor_value)
        return array[()] if array.ndim == 0 else array  # a 0-d tensor was a numpy scalar
    if kind == "map_value":
        return from_value_map(value.map_value)
    if kind == "list_value":
        items = [from_value(item) for item in value.list_value.items]
        return tuple(items) if value.list_value.tuple else items
    return getattr(value, kind)


def from_value_map(mapping: pb.ValueMap) -> dict:
    return {entry.key: from_value(entry.value) for entry in mapping.entries}


def from_info(value: pb.Value) -> dict:
    decoded = from_value(value)
    if decoded is None:
        return {}
    if not isinstance(decoded, dict):
        raise ValueError(f"an info must be a map, got {type(decoded).__name__}")
    return decoded


def to_space(space: spaces.Space) -> pb.Space:
    if isinstance(space, spaces.Box):
        return pb.Space(box=pb.BoxSpace(low=to_tensor(space.low.astype(space.dtype)),
                                        high=to_tensor(space.high.astype(space.dtype))))
    if isinstance(space, spaces.Discrete):
        return pb.Space(discrete=pb.DiscreteSpace(n=int(space.n), start=int(space.start)))
    raise ValueError(f"the bridge carries Box and Discrete spaces, not {space}")


def from_space(space: pb.Space) -> spaces.Space:
    kind = space.WhichOneof("kind")
    if kind == "box":
        low = from_tensor(space.box.low)
        high = from_tensor(space.box.high)
        return spaces.Box(low=low, high=high, dtype=low.dtype)
    if kind == "discrete":
        return spaces.Discrete(space.discrete.n, start=space.discrete.start)
    raise ValueError(f"the server sent a space this client does not know ({kind}); Box and Discrete are supported")


def to_element(space: spaces.Space, value) -> pb.Tensor:
    """An observation or action of a space as a tensor (a Discrete value as an int64 scalar)."""
    if isinstance(space, spaces.Discrete):
        array = np.asarray(value)
        if array.ndim != 0 or array.dtype == np.bool_ or not np.issubdtype(array.dtype, np.integer):
            raise ValueError(f"a value of {space} must be an integer, got {value!r}")
        return to_tensor(np.int64(array[()]))
    array = np.asarray(value)
    if array.dtype == object or not (np.issubdtype(array.dtype, np.number) or array.dtype == np.bool_):
        raise ValueError(f"a value of {space} must be a numeric array, got {value!r}")
    if array.shape != space.shape:
        raise ValueError(f"a value of {space} must have shape {space.shape}, got shape {array.shape}")
    return to_tensor(array)


def from_element(space: spaces.Space, tensor: pb.Tensor, what: str):
    """An observation or action of a space from a tensor (Box: the space's shape; Discrete: an integer scalar)."""
    array = from_tensor(tensor)
    if isinstance(space, spaces.Discrete):
        if array.ndim != 0 or not np.issubdtype(array.dtype, np.integer):
            raise ValueError(f"{what} for {space} must be an integer scalar, got {array.dtype} of shape {array.shape}")
        return np.int64(array[()])
    if array.shape != space.shape:
        raise ValueError(f"{what} has shape {array.shape}, but {space} needs shape {space.shape}")
    return array
