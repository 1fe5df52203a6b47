"""CTranslate2 -> openai-whisper conversion on a tiny synthetic model written in the CT2 binary format."""

from __future__ import annotations

import json
import struct

import numpy as np
import pytest

from scoring.asr.convert import ConversionError, convert_ct2_to_openai, map_state_dict, read_ct2_variables

STATE, HEADS, LAYERS, MELS, VOCAB, AUDIO_CTX, TEXT_CTX = 8, 2, 2, 4, 12, 6, 5
FFN = 4 * STATE  # whisper.model.ResidualAttentionBlock fixes the MLP width
DTYPE_IDS = {np.dtype(np.float32): 0, np.dtype(np.int8): 1, np.dtype(np.int16): 2, np.dtype(np.float16): 4}


def _string(text: str) -> bytes:
    raw = text.encode() + b"\0"
    return struct.pack("<H", len(raw)) + raw


def write_ct2(
    path,
    variables: dict[str, np.ndarray],
    aliases: dict[str, str],
    spec: str = "WhisperSpec",
    version: int = 6,
) -> None:
    """Write variables the way CTranslate2's model_spec.py saves them."""
    out = (
        struct.pack("<I", version) + _string(spec) + struct.pack("<I", 3) + struct.pack("<I", len(variables))
    )
    for name, array in variables.items():
        array = np.asarray(array)
        out += _string(name) + struct.pack("<B", array.ndim) + struct.pack(f"<{array.ndim}I", *array.shape)
        out += struct.pack("<BI", DTYPE_IDS[array.dtype], array.nbytes) + array.tobytes()
    out += struct.pack("<I", len(aliases))
    for alias, target in aliases.items():
        out += _string(alias) + _string(target)
    path.write_bytes(out)


def tiny_whisper(rng: np.random.Generator) -> dict[str, np.ndarray]:
    def w(*shape: int) -> np.ndarray:
        return (rng.standard_normal(shape) * 0.2).astype(np.float16)

    v: dict[str, np.ndarray] = {
        "encoder/conv1/weight": w(STATE, MELS, 3),
        "encoder/conv1/bias": w(STATE),
        "encoder/conv2/weight": w(STATE, STATE, 3),
        "encoder/conv2/bias": w(STATE),
        "encoder/position_encodings/encodings": w(AUDIO_CTX, STATE),
        "encoder/layer_norm/gamma": w(STATE),
        "encoder/layer_norm/beta": w(STATE),
        "encoder/num_heads": np.array(HEADS, dtype=np.int16),
        "decoder/embeddings/weight": w(VOCAB, STATE),
        "decoder/position_encodings/encodings": w(TEXT_CTX, STATE),
        "decoder/layer_norm/gamma": w(STATE),
        "decoder/layer_norm/beta": w(STATE),
        "decoder/num_heads": np.array(HEADS, dtype=np.int16),
        "decoder/activation": np.array(1, dtype=np.int8),
    }

    def block(prefix: str, cross: bool) -> None:
        names = [("self_attention", False)] + ([("attention", True)] if cross else [])
        for sub, is_cross in names:
            p = f"{prefix}/{sub}"
            v[f"{p}/layer_norm/gamma"], v[f"{p}/layer_norm/beta"] = w(STATE), w(STATE)
            if is_cross:
                v[f"{p}/linear_0/weight"], v[f"{p}/linear_0/bias"] = w(STATE, STATE), w(STATE)
                v[f"{p}/linear_1/weight"], v[f"{p}/linear_1/bias"] = w(2 * STATE, STATE), w(2 * STATE)
                v[f"{p}/linear_2/weight"], v[f"{p}/linear_2/bias"] = w(STATE, STATE), w(STATE)
            else:  # fused q/k/v; a non-zero key bias must not change the attention output
                v[f"{p}/linear_0/weight"], v[f"{p}/linear_0/bias"] = w(3 * STATE, STATE), w(3 * STATE)
                v[f"{p}/linear_1/weight"], v[f"{p}/linear_1/bias"] = w(STATE, STATE), w(STATE)
        v[f"{prefix}/ffn/layer_norm/gamma"], v[f"{prefix}/ffn/layer_norm/beta"] = w(STATE), w(STATE)
        v[f"{prefix}/ffn/linear_0/weight"], v[f"{prefix}/ffn/linear_0/bias"] = w(FFN, STATE), w(FFN)
        v[f"{prefix}/ffn/linear_1/weight"], v[f"{prefix}/ffn/linear_1/bias"] = w(STATE, FFN), w(STATE)

    for i in range(LAYERS):
        block(f"encoder/layer_{i}", cross=False)
        block(f"decoder/layer_{i}", cross=True)
    return v


@pytest.fixture
def ct2_dir(tmp_path):
    variables = tiny_whisper(np.random.default_rng(3))
    write_ct2(tmp_path / "model.bin", variables, {"decoder/projection/weight": "decoder/embeddings/weight"})
    (tmp_path / "config.json").write_text(json.dumps({"alignment_heads": [[1, 0], [1, 1]]}))
    return tmp_path, variables


def test_binary_format_round_trips(ct2_dir):
    path, variables = ct2_dir
    spec, read = read_ct2_variables(path / "model.bin")
    assert spec == "WhisperSpec"
    for name, array in variables.items():
        assert read[name].dtype == array.dtype and np.array_equal(read[name], array), name
    assert np.array_equal(read["decoder/projection/weight"], variables["decoder/embeddings/weight"])


def test_mapping_covers_exactly_the_openai_state_dict(ct2_dir):
    import whisper.model

    _, variables = ct2_dir
    dims, state = map_state_dict(variables)
    assert dims == {
        "n_mels": MELS,
        "n_audio_ctx": AUDIO_CTX,
        "n_audio_state": STATE,
        "n_audio_head": HEADS,
        "n_audio_layer": LAYERS,
        "n_vocab": VOCAB,
        "n_text_ctx": TEXT_CTX,
        "n_text_state": STATE,
        "n_text_head": HEADS,
        "n_text_layer": LAYERS,
    }
    expected = whisper.model.Whisper(whisper.model.ModelDimensions(**dims)).state_dict()
    assert set(state) == set(expected)
    for key, tensor in expected.items():
        assert tuple(state[key].shape) == tuple(tensor.shape), key
    fused = variables["encoder/layer_1/self_attention/linear_0/weight"]
    assert np.array_equal(state["encoder.blocks.1.attn.key.weight"], fused[STATE : 2 * STATE])
    kv = variables["decoder/layer_0/attention/linear_1/bias"]
    assert np.array_equal(state["decoder.blocks.0.cross_attn.value.bias"], kv[STATE:])


def _reference_attention(
    x: np.ndarray, w: np.ndarray, b: np.ndarray, wo: np.ndarray, bo: np.ndarray
) -> np.ndarray:
    """Multi-head self-attention straight from CTranslate2's fused weights, key bias included."""
    qkv = x @ w.T.astype(np.float64) + b.astype(np.float64)
    q, k, v = np.split(qkv, 3, axis=-1)
    d = STATE // HEADS
    heads = []
    for h in range(HEADS):
        s = q[:, h * d : (h + 1) * d] @ k[:, h * d : (h + 1) * d].T / np.sqrt(d)
        p = np.exp(s - s.max(axis=1, keepdims=True))
        heads.append((p / p.sum(axis=1, keepdims=True)) @ v[:, h * d : (h + 1) * d])
    return np.concatenate(heads, axis=1) @ wo.T.astype(np.float64) + bo.astype(np.float64)


def test_converted_checkpoint_loads_and_computes_the_same_attention(ct2_dir, tmp_path):
    import torch
    import whisper

    path, variables = ct2_dir
    out = convert_ct2_to_openai(path, tmp_path / "tiny.pt")
    model = whisper.load_model(str(out), device="cpu")
    assert torch.load(out, weights_only=True)["alignment_heads"] == [[1, 0], [1, 1]]
    x = np.random.default_rng(5).standard_normal((AUDIO_CTX, STATE))
    p = "encoder/layer_0/self_attention"
    expected = _reference_attention(
        x,
        variables[f"{p}/linear_0/weight"],
        variables[f"{p}/linear_0/bias"],
        variables[f"{p}/linear_1/weight"],
        variables[f"{p}/linear_1/bias"],
    )
    with torch.no_grad():
        got = model.encoder.blocks[0].attn(torch.tensor(x, dtype=torch.float32)[None])[0][0].numpy()
    assert np.allclose(got, expected, atol=2e-3)


def test_quantized_weights_are_dequantized(ct2_dir):
    _, variables = ct2_dir
    name = "decoder/layer_0/ffn/linear_0/weight"
    original = variables[name].astype(np.float32)
    scale = (127 / np.abs(original).max(axis=1)).astype(np.float32)
    variables = {
        **variables,
        name: np.round(original * scale[:, None]).astype(np.int8),
        name + "_scale": scale,
    }
    _, state = map_state_dict(variables)
    assert np.allclose(state["decoder.blocks.0.mlp.0.weight"], original, atol=np.abs(original).max() / 100)


def test_foreign_models_are_refused(ct2_dir, tmp_path):
    path, variables = ct2_dir
    other = tmp_path / "other"
    other.mkdir()
    write_ct2(other / "model.bin", variables, {}, spec="TransformerSpec")
    with pytest.raises(ConversionError, match="TransformerSpec, not a Whisper model"):
        convert_ct2_to_openai(other, tmp_path / "x.pt")
    write_ct2(other / "model.bin", variables, {}, version=2)
    with pytest.raises(ConversionError, match="binary version 2"):
        read_ct2_variables(other / "model.bin")
    del variables["encoder/conv2/bias"]
    write_ct2(other / "model.bin", variables, {})
    with pytest.raises(ConversionError, match="missing variable encoder/conv2/bias"):
        convert_ct2_to_openai(other, tmp_path / "x.pt")
