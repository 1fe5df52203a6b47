"""Convert a CTranslate2 Whisper model (model.bin) into an openai-whisper ``.pt`` checkpoint.

The two formats hold the same tensors under different names. CTranslate2 fuses the self-attention
projections (q, k, v stacked in one matrix) and the cross-attention k/v pair; openai-whisper keeps
them apart and has no key bias (CTranslate2 stores zeros there; a key bias shifts every score of a
query by the same amount, so dropping it changes nothing). Binary layout: see CTranslate2
``src/models/model.cc`` (``Model::load``).
"""

from __future__ import annotations

import json
import mmap
import re
import struct
from pathlib import Path

import numpy as np

# CTranslate2 DataType ids -> numpy dtypes (5 is bfloat16, widened by hand)
_DTYPES = {0: np.float32, 1: np.int8, 2: np.int16, 3: np.int32, 4: np.float16, 5: np.uint16}
_BFLOAT16 = 5


class ConversionError(ValueError):
    """The file is not a CTranslate2 Whisper model this converter understands."""


class _Reader:
    def __init__(self, buffer: mmap.mmap | bytes) -> None:
        self.buffer = buffer
        self.offset = 0

    def unpack(self, fmt: str) -> tuple:
        size = struct.calcsize("<" + fmt)
        values = struct.unpack_from("<" + fmt, self.buffer, self.offset)
        self.offset += size
        return values

    def string(self) -> str:
        (length,) = self.unpack("H")
        raw = bytes(self.buffer[self.offset : self.offset + length])
        self.offset += length
        return raw.rstrip(b"\0").decode("utf-8")


def read_ct2_variables(path: str | Path) -> tuple[str, dict[str, np.ndarray]]:
    """Read every variable of a CTranslate2 ``model.bin``; returns (spec name, name -> array)."""
    with open(path, "rb") as handle:
        data = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    reader = _Reader(data)
    (version,) = reader.unpack("I")
    if not 5 <= version <= 6:
        raise ConversionError(f"{path}: unsupported CTranslate2 binary version {version}")
    spec = reader.string()
    reader.unpack("I")  # spec revision
    (count,) = reader.unpack("I")
    variables: dict[str, np.ndarray] = {}
    for _ in range(count):
        name = reader.string()
        (rank,) = reader.unpack("B")
        shape = reader.unpack("I" * rank) if rank else ()
        type_id, num_bytes = reader.unpack("BI")
        if type_id not in _DTYPES:
            raise ConversionError(f"{path}: variable {name} has unknown data type {type_id}")
        array = np.frombuffer(
            data,
            dtype=_DTYPES[type_id],
            count=num_bytes // np.dtype(_DTYPES[type_id]).itemsize,
            offset=reader.offset,
        ).reshape(shape)
        if type_id == _BFLOAT16:
            array = (array.astype(np.uint32) << 16).view(np.float32)
        variables[name] = array
        reader.offset += num_bytes
    (aliases,) = reader.unpack("I")
    for _ in range(aliases):
        alias, target = reader.string(), reader.string()
        variables[alias] = variables[target]
    return spec, variables


def _dequantize(variables: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Turn int8/int16 weights with a ``weight_scale`` back into floats (quantized models)."""
    out = dict(variables)
    for name, array in variables.items():
        scale = variables.get(name + "_scale")
        if name.endswith("weight") and scale is not None and array.dtype in (np.int8, np.int16):
            out[name] = array.astype(np.float32) / scale.astype(np.float32).reshape(-1, 1)
    return out


def _attention(
    v: dict[str, np.ndarray], src: str, dst: str, state: int, *, cross: bool
) -> dict[str, np.ndarray]:
    out: dict[str, np.ndarray] = {}
    if cross:
        q_w, q_b = v[f"{src}/linear_0/weight"], v[f"{src}/linear_0/bias"]
        kv_w, kv_b = v[f"{src}/linear_1/weight"], v[f"{src}/linear_1/bias"]
        k_w, v_w, v_b = kv_w[:state], kv_w[state:], kv_b[state:]
        o = "linear_2"
    else:
        qkv_w, qkv_b = v[f"{src}/linear_0/weight"], v[f"{src}/linear_0/bias"]
        q_w, k_w, v_w = qkv_w[:state], qkv_w[state : 2 * state], qkv_w[2 * state :]
        q_b, v_b = qkv_b[:state], qkv_b[2 * state :]
        o = "linear_1"
    out.update(
        {
            f"{dst}.query.weight": q_w,
            f"{dst}.query.bias": q_b,
            f"{dst}.key.weight": k_w,
            f"{dst}.value.weight": v_w,
            f"{dst}.value.bias": v_b,
            f"{dst}.out.weight": v[f"{src}/{o}/weight"],
            f"{dst}.out.bias": v[f"{src}/{o}/bias"],
        }
    )
    return out


def _norm(v: dict[str, np.ndarray], src: str, dst: str) -> dict[str, np.ndarray]:
    return {f"{dst}.weight": v[f"{src}/gamma"], f"{dst}.bias": v[f"{src}/beta"]}


def _ffn(v: dict[str, np.ndarray], src: str, dst: str) -> dict[str, np.ndarray]:
    return {
        f"{dst}.mlp.0.weight": v[f"{src}/linear_0/weight"],
        f"{dst}.mlp.0.bias": v[f"{src}/linear_0/bias"],
        f"{dst}.mlp.2.weight": v[f"{src}/linear_1/weight"],
        f"{dst}.mlp.2.bias": v[f"{src}/linear_1/bias"],
        **_norm(v, f"{src}/layer_norm", f"{dst}.mlp_ln"),
    }


def _count_layers(v: dict[str, np.ndarray], prefix: str) -> int:
    pattern = re.compile(rf"^{prefix}/layer_(\d+)/")
    return len({m.group(1) for name in v if (m := pattern.match(name))})


def map_state_dict(variables: dict[str, np.ndarray]) -> tuple[dict[str, int], dict[str, np.ndarray]]:
    """Map CTranslate2 Whisper variables to openai-whisper (dims, state dict)."""
    v = _dequantize(variables)
    conv1 = v["encoder/conv1/weight"]
    enc_pos, dec_pos = v["encoder/position_encodings/encodings"], v["decoder/position_encodings/encodings"]
    state = int(enc_pos.shape[1])
    dims = {
        "n_mels": int(conv1.shape[1]),
        "n_audio_ctx": int(enc_pos.shape[0]),
        "n_audio_state": state,
        "n_audio_head": int(np.asarray(v["encoder/num_heads"]).reshape(-1)[0]),
        "n_audio_layer": _count_layers(v, "encoder"),
        "n_vocab": int(v["decoder/embeddings/weight"].shape[0]),
        "n_text_ctx": int(dec_pos.shape[0]),
        "n_text_state": int(dec_pos.shape[1]),
        "n_text_head": int(np.asarray(v["decoder/num_heads"]).reshape(-1)[0]),
        "n_text_layer": _count_layers(v, "decoder"),
    }
    sd: dict[str, np.ndarray] = {
        "encoder.positional_embedding": enc_pos,
        "encoder.conv1.weight": conv1,
        "encoder.conv1.bias": v["encoder/conv1/bias"],
        "encoder.conv2.weight": v["encoder/conv2/weight"],
        "encoder.conv2.bias": v["encoder/conv2/bias"],
        **_norm(v, "encoder/layer_norm", "encoder.ln_post"),
        "decoder.token_embedding.weight": v["decoder/embeddings/weight"],
        "decoder.positional_embedding": dec_pos,
        **_norm(v, "decoder/layer_norm", "decoder.ln"),
    }
    for i in range(dims["n_audio_layer"]):
        src, dst = f"encoder/layer_{i}", f"encoder.blocks.{i}"
        sd.update(_attention(v, f"{src}/self_attention", f"{dst}.attn", state, cross=False))
        sd.update(_norm(v, f"{src}/self_attention/layer_norm", f"{dst}.attn_ln"))
        sd.update(_ffn(v, f"{src}/ffn", dst))
    for i in range(dims["n_text_layer"]):
        src, dst = f"decoder/layer_{i}", f"decoder.blocks.{i}"
        sd.update(_attention(v, f"{src}/self_attention", f"{dst}.attn", state, cross=False))
        sd.update(_norm(v, f"{src}/self_attention/layer_norm", f"{dst}.attn_ln"))
        sd.update(_attention(v, f"{src}/attention", f"{dst}.cross_attn", state, cross=True))
        sd.update(_norm(v, f"{src}/attention/layer_norm", f"{dst}.cross_attn_ln"))
        sd.update(_ffn(v, f"{src}/ffn", dst))
    return dims, sd


def alignment_heads(ct2_dir: str | Path) -> list[list[int]] | None:
    """The (layer, head) pairs used for word timestamps, from the model's config.json."""
    config = Path(ct2_dir) / "config.json"
    if not config.is_file():
        return None
    heads = json.loads(config.read_text(encoding="utf-8")).get("alignment_heads")
    return [list(map(int, pair)) for pair in heads] if heads else None


def convert_ct2_to_openai(ct2_dir: str | Path, out_path: str | Path) -> Path:
    """Write an openai-whisper checkpoint (float16, ``{"dims", "model_state_dict"}``) to ``out_path``."""
    import torch

    ct2_dir = Path(ct2_dir)
    spec, variables = read_ct2_variables(ct2_dir / "model.bin")
    if spec != "WhisperSpec":
        raise ConversionError(f"{ct2_dir}: model.bin holds a {spec}, not a Whisper model")
    try:
        dims, state_dict = map_state_dict(variables)
    except KeyError as exc:
        raise ConversionError(f"{ct2_dir}: missing variable {exc.args[0]}") from None
    tensors = {k: torch.from_numpy(np.array(a, dtype=np.float16, order="C")) for k, a in state_dict.items()}
    checkpoint = {"dims": dims, "model_state_dict": tensors, "alignment_heads": alignment_heads(ct2_dir)}
    torch.save(checkpoint, out_path)
    return Path(out_path)
