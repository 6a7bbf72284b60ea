"""Text of picture crops by the PP-OCR recognition model (see gdchecker.ocr.model), run by onnxruntime:
recognition only (each crop is already one line of one cell), greedy CTC decoding with every character's
probability kept, and a reading restricted to the characters of a figure where the crop holds one."""

from __future__ import annotations

import functools
import math
import os
from dataclasses import dataclass

import numpy as np

from gdchecker.ocr import arrays, model

HEIGHT = 48  # the model's input height: figures are read at it
TEXT_HEIGHT = 32  # labels and running text, read smaller: less than half the time, the same words
STEP = 8  # pixels of input width per output step
MAX_BATCH_WIDTH = 6000  # pixels of padded width in one run of the model (memory and padding waste stay small)
FIGURE_CHARS = "0123456789.,+-/%"
_LOOKALIKE = str.maketrans({"O": "0", "o": "0", "D": "0", "〇": "0", "l": "1", "I": "1", "|": "1", "i": "1",
                            "S": "5", "s": "5", "B": "8", "Z": "2", "z": "2", "g": "9", "q": "9",
                            "，": ",", "。": ".", "－": "-", "—": "-", "–": "-", "十": "+"})


@dataclass
class Reading:
    text: str
    conf: float  # the least sure character's probability (1.0 for an empty reading)
    chars: tuple[float, ...] = ()


class _Session:
    def __init__(self, session) -> None:  # noqa: ANN001 - an onnxruntime InferenceSession
        self.session = session
        self.input = session.get_inputs()[0].name

    def __call__(self, batch: np.ndarray) -> list[np.ndarray]:
        return self.session.run(None, {self.input: batch})


def _model() -> tuple[_Session, list[str]]:
    """The recognition session and its classes: the CTC blank, the characters the model file lists in its metadata,
    and a space. Made once a process: a worker forked from a process that had one makes its own (the runtime's
    threads do not survive a fork), and in a folder check's worker the model runs on one thread (the workers fill
    the cores)."""
    return _model_of(os.getpid())


@functools.cache
def _model_of(pid: int) -> tuple[_Session, list[str]]:
    import multiprocessing

    import onnxruntime as ort

    path = model.rec_path()
    if path is None:
        raise FileNotFoundError(model.REC_MODEL)
    opts = ort.SessionOptions()
    opts.log_severity_level = 4
    opts.enable_cpu_mem_arena = False
    opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    if multiprocessing.parent_process() is not None:
        opts.intra_op_num_threads = 1
        opts.inter_op_num_threads = 1
    session = ort.InferenceSession(str(path), sess_options=opts, providers=["CPUExecutionProvider"])
    listed = session.get_modelmeta().custom_metadata_map.get("character", "").splitlines()
    if not listed:
        raise ValueError(f"{path.name}: no character list in the model's metadata")
    return _Session(session), ["blank", *listed, " "]


@functools.cache
def _figure_ids() -> np.ndarray:
    _, chars = _model()
    return np.array([0] + [i for i, c in enumerate(chars) if c in FIGURE_CHARS], dtype=np.int64)


def looks_like_figure(text: str) -> bool:
    """A reading that is a figure, or a figure with letters that look like digits (O for 0, l for 1)."""
    t = text.strip().translate(_LOOKALIKE)
    return bool(t) and len(t) <= 12 and any(c.isdigit() for c in t) and all(c in FIGURE_CHARS for c in t)


def _prepare(crop: np.ndarray, height: int) -> np.ndarray:
    h, w = crop.shape[:2]
    width = max(STEP, int(math.ceil(height * w / max(1, h))))
    resized = arrays.resize(crop, (width, height))
    return (resized.astype(np.float32) / 255.0 - 0.5) / 0.5


def _decode(probs: np.ndarray, chars: list[str], allowed: np.ndarray | None = None) -> Reading:
    """Greedy CTC: the likeliest class each step (among `allowed` only, where given; index 0 is the blank), repeats
    and blanks dropped."""
    if allowed is not None:
        # a figure's glyph may look like a letter too (0 and O): its probability is taken among the figure's
        # characters, so the letters' share does not make a clear digit look unsure
        sub = probs[:, allowed]
        pick = sub.argmax(axis=1)
        idx = allowed[pick]
        p = sub[np.arange(len(pick)), pick] / np.maximum(sub.sum(axis=1), 1e-9)
    else:
        idx = probs.argmax(axis=1)
        p = probs[np.arange(len(idx)), idx]
    keep = np.ones(len(idx), dtype=bool)
    keep[1:] = idx[1:] != idx[:-1]
    keep &= idx != 0
    text = "".join(chars[i] for i in idx[keep])
    confs = tuple(float(x) for x in p[keep])
    return Reading(text, min(confs, default=1.0), confs)


def run(crops: list[np.ndarray], height: int = HEIGHT) -> list[np.ndarray]:
    """The model's per-step class probabilities for each grey crop (one line of text each), scaled to `height`."""
    session, _ = _model()
    prepared = [_prepare(c, height) for c in crops]
    order = sorted(range(len(prepared)), key=lambda i: prepared[i].shape[1])
    out: list[np.ndarray | None] = [None] * len(prepared)
    k = 0
    while k < len(order):
        batch = [order[k]]
        width = prepared[order[k]].shape[1]
        while k + len(batch) < len(order):
            nxt = prepared[order[k + len(batch)]].shape[1]
            if nxt * (len(batch) + 1) > MAX_BATCH_WIDTH or nxt > 1.5 * width + 64:
                break
            batch.append(order[k + len(batch)])
        k += len(batch)
        wmax = max(prepared[i].shape[1] for i in batch)
        wmax = int(math.ceil(wmax / STEP) * STEP)
        arr = np.zeros((len(batch), 3, height, wmax), dtype=np.float32)
        for j, i in enumerate(batch):
            w = prepared[i].shape[1]
            arr[j, :, :, :w] = prepared[i][None, :, :]
        probs = session(arr)[0]
        for j, i in enumerate(batch):
            steps = int(math.ceil(prepared[i].shape[1] / STEP))
            out[i] = probs[j, :steps + 1]
    return [o for o in out if o is not None]


def read(crops: list[np.ndarray], height: int = HEIGHT) -> list[tuple[Reading, Reading | None]]:
    """Each crop's reading, and its reading as a figure (digits and signs only) where it looks like one."""
    _, chars = _model()
    out = []
    for probs in run(crops, height) if crops else []:
        free = _decode(probs, chars)
        figure = _decode(probs, chars, _figure_ids()) if looks_like_figure(free.text) else None
        out.append((free, figure))
    return out
