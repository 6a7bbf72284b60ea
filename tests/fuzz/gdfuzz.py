"""What the fuzz targets share: one input through check_file, what counts as a finding, and two engines.

A finding is an exception escaping gdchecker.check.check_file (it must never raise), a Result whose error code is
'internal' (the code for a bug of ours), an input that runs longer than --timeout seconds, or one that takes more
than --rss-limit-mb of memory. With --strict, a reader's unexpected exception that check_file reports as
'unreadable' counts too.

The engines: atheris (coverage-guided libFuzzer) when it can be imported, else a mutation loop of the standard
library over the same seeds (byte flips, inserts, deletions, truncations, tokens, numbers, splices; in the members of a
.docx/.xlsx zip as well as in its bytes), which keeps an input when its outcome (error code, finding codes) is new.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import warnings
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

import fuzz_seeds
from fuzz_seeds import KINDS, KNOWN, ROOT, TOKENS, Known

HERE = Path(__file__).resolve().parent
ZIPPED = {"docx", "xlsx"}
MAX_LEN = {"pdf": 256 * 1024, "docx": 1024 * 1024, "xlsx": 1024 * 1024, "html": 256 * 1024, "text": 64 * 1024}
# what atheris instruments for coverage, besides gdchecker itself
INSTRUMENT = {"pdf": ["pdfplumber", "pdfminer"], "docx": ["docx"], "xlsx": ["openpyxl"], "html": [], "text": []}
ARTIFACT_PREFIXES = ("crash-", "timeout-", "oom-", "leak-")
OOM_EXIT = 71
DEFAULT_ARTIFACTS = Path(tempfile.gettempdir()) / "gdchecker-fuzz-findings"
WORK_ROOT = Path(tempfile.gettempdir()) / "gdchecker-fuzz"  # a target's seeds, corpus and input file


class Finding(Exception):  # noqa: N818 - what the fuzzer reports, not an error of the harness
    """check_file returned, but what it returned means a bug of ours."""


class InternalError(Finding):
    """check_file's Result has error code 'internal'; the original exception is the __cause__."""


class MaskedReaderError(Finding):
    """--strict: a reader raised something other than ReadError, and check_file called it 'unreadable'."""


class InputTimeout(BaseException):
    """Fallback engine: one input ran past --timeout (a BaseException, so check_file does not swallow it)."""


# --------------------------------------------------------------------------- one input


def where(e: BaseException) -> str:
    """The innermost frame of gdchecker in e's traceback (else the innermost frame): "gdchecker/values.py:f"."""
    frames = traceback.extract_tb(e.__traceback__)
    ours = [f for f in frames if "gdchecker" in Path(f.filename).parts]
    f = (ours or frames or [None])[-1]
    if f is None:
        return "?"
    path = Path(f.filename)
    try:
        shown = path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        shown = path.name
    return f"{shown}:{f.name}"


def known_bug(e: BaseException | None) -> Known | None:
    if e is None:
        return None
    here, kind = where(e), type(e).__name__
    return next((k for k in KNOWN if k.where == here and k.error == kind), None)


def original_exception(path: str, reading_only: bool = False) -> Exception | None:
    """Run check_file's stages again without its net: the exception it turned into an error code, if any."""
    from gdchecker.locate import locate
    from gdchecker.read import ReadError, read
    from gdchecker.rules import check

    try:
        doc = read(path)
        if not reading_only:
            check(locate(doc))
    except ReadError:
        return None
    except Exception as e:
        return e
    return None


def _told(cause: BaseException | None) -> str:
    """The original traceback, for the message: atheris prints only the outermost exception, not its cause."""
    if cause is None:
        return "\n(the exception did not happen again outside check_file)"
    return "\n--- the original exception, inside check_file ---\n" + "".join(traceback.format_exception(cause))


def check_input(path: str, *, strict: bool = False, count_known: bool = False) -> str:
    """One file through check_file: raises on a finding, else returns its outcome (for the fallback engine).

    An exception escaping check_file propagates as it is. A known bug (fuzz_seeds.KNOWN) is an outcome, not a
    finding, unless count_known."""
    from gdchecker.check import check_file

    res = check_file(path)
    err = res.error
    if err is not None and err.code == "internal":
        cause = original_exception(path)
        k = known_bug(cause)
        if k is not None and not count_known:
            return f"known:{k.case}"
        raise InternalError(f"check_file returned error code 'internal': {err.message}{_told(cause)}") from cause
    if err is not None and err.code == "unreadable" and strict:
        cause = original_exception(path, reading_only=True)
        if cause is not None and not isinstance(cause, (MemoryError, RecursionError)):
            raise MaskedReaderError(f"the reader raised {type(cause).__name__}; check_file called it 'unreadable': "
                                    f"{err.message}{_told(cause)}") from cause
    if err is not None:
        return f"error:{err.code}:{err.message[:12]}"
    tables = sorted(res.report.tables) if res.report is not None else []
    codes = sorted({f.code for f in res.findings or []})
    return f"ok:{','.join(tables)}:{','.join(codes)}"


class Target:
    """The fuzz target of one reader: the bytes written to WORKDIR/input.EXT, then check_input."""

    def __init__(self, kind: str, workdir: Path, *, strict: bool = False, count_known: bool = False) -> None:
        self.kind = kind
        self.path = workdir / f"input{KINDS[kind]}"
        self.strict = strict
        self.count_known = count_known
        workdir.mkdir(parents=True, exist_ok=True)

    def __call__(self, data: bytes) -> str:
        self.path.write_bytes(data)
        return check_input(str(self.path), strict=self.strict, count_known=self.count_known)


# --------------------------------------------------------------------------- mutations (standard library only)

_NUMBERS = [b"0", b"-1", b"1", b"-0", b"2", b"255", b"256", b"65535", b"65536", b"2147483647", b"2147483648",
            b"-2147483649", b"4294967296", b"9223372036854775808", b"1e308", b"1e-308", b"0.5", b"999999999999"]


def _digit_run(buf: bytearray, rng: random.Random) -> tuple[int, int] | None:
    """A random run of ASCII digits in buf: (start, end)."""
    for _ in range(8):
        i = rng.randrange(len(buf))
        if 48 <= buf[i] <= 57:
            s = e = i
            while s > 0 and 48 <= buf[s - 1] <= 57:
                s -= 1
            while e < len(buf) and 48 <= buf[e] <= 57:
                e += 1
            return s, e
    return None


def mutate_bytes(data: bytes, rng: random.Random, max_len: int, tokens: Sequence[bytes] = (),
                 others: Sequence[bytes] = ()) -> bytes:
    """A few random edits of data: what libFuzzer's default mutator does, roughly, without coverage."""
    buf = bytearray(data)
    for _ in range(rng.choice((1, 1, 1, 2, 2, 3, 4, 8))):
        op = rng.randrange(13)
        n = len(buf)
        if n == 0:
            buf += rng.choice(tokens) if tokens and rng.random() < 0.5 else rng.randbytes(rng.randint(1, 8))
            continue
        i = rng.randrange(n)
        if op == 0:  # flip a bit
            buf[i] ^= 1 << rng.randrange(8)
        elif op == 1:  # a random byte, or an interesting one
            buf[i] = rng.choice((0, 0xFF, 0x7F, 0x80, 0x20, 0x0A, 0x3C, 0x3E, 0x22, rng.randrange(256)))
        elif op == 2:  # insert random bytes
            buf[i:i] = rng.randbytes(rng.randint(1, 8))
        elif op == 3:  # delete a range
            del buf[i:i + rng.randint(1, max(1, min(n - i, 64 if rng.random() < 0.8 else n)))]
        elif op == 4:  # copy a range elsewhere
            j, k = rng.randrange(n), rng.randint(1, min(256, n))
            buf[j:j] = buf[i:i + k]
        elif op == 5:  # truncate
            del buf[rng.randrange(n):]
        elif op == 6 and tokens:  # insert a token
            buf[i:i] = rng.choice(tokens)
        elif op == 7 and tokens:  # overwrite with a token
            t = rng.choice(tokens)
            buf[i:i + len(t)] = t
        elif op == 8:  # change a number
            run = _digit_run(buf, rng)
            if run is not None:
                new = rng.choice(_NUMBERS) if rng.random() < 0.7 else str(rng.randint(0, 10 ** rng.randint(1, 12))).encode()
                buf[run[0]:run[1]] = new
        elif op == 9 and others:  # splice with another input
            other = rng.choice(others)
            if other:
                j = rng.randrange(len(other))
                buf[i:] = other[j:j + rng.randint(1, len(other) - j)]
        elif op == 10:  # repeat a short range many times (nesting, long runs)
            k = rng.randint(1, min(32, n - i))
            buf[i:i] = bytes(buf[i:i + k]) * rng.randint(2, 200)
        elif op == 11:  # swap two ranges
            j, k = rng.randrange(n), rng.randint(1, min(64, n))
            a, b = bytes(buf[i:i + k]), bytes(buf[j:j + k])
            buf[i:i + k], buf[j:j + len(b)] = b, a
        else:  # a byte +- small delta
            buf[i] = (buf[i] + rng.choice((-2, -1, 1, 2))) % 256
    return bytes(buf[:max_len])


def unzip(data: bytes, limit: int = 32 * 1024 * 1024) -> list[tuple[str, bytes]] | None:
    """The members of a zip, in order; None when data is not a zip we can take apart (or unpacks too big)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
            if not infos or sum(i.file_size for i in infos) > limit:
                return None
            return [(i.filename, z.read(i)) for i in infos]
    except Exception:  # any broken zip: mutate its bytes instead
        return None


def rezip(members: Sequence[tuple[str, bytes]]) -> bytes:
    buf = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate names are one of the mutations
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in members:
                z.writestr(name, data)
    return buf.getvalue()


def mutate_zip(data: bytes, rng: random.Random, mutate_member: Callable[[bytes], bytes]) -> bytes | None:
    """Mutate inside the package: one member's bytes (mostly an XML part), or drop, duplicate or rename one."""
    members = unzip(data)
    if not members:
        return None
    op = rng.random()
    if op < 0.85:
        weights = [8 if n.endswith((".xml", ".rels")) else 1 for n, _ in members]
        i = rng.choices(range(len(members)), weights)[0]
        members[i] = (members[i][0], mutate_member(members[i][1]))
    elif op < 0.9 and len(members) > 1:
        del members[rng.randrange(len(members))]
    elif op < 0.95:
        members.append(members[rng.randrange(len(members))])
    else:
        i = rng.randrange(len(members))
        name = members[i][0]
        members[i] = (rng.choice((name.upper(), name + "x", "/" + name, name.replace("/", "\\"))), members[i][1])
    return rezip(members)


# --------------------------------------------------------------------------- the fallback engine


def _rss_bytes() -> int | None:
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


def _cap_address_space(rss_limit_mb: int) -> None:
    """A backstop for the watchdog thread, which cannot run while C code holds the GIL: past 4 times the memory
    limit an allocation fails (MemoryError, which check_file reports as too_large) instead of the machine's memory
    running out."""
    try:
        import resource

        with open("/proc/self/statm") as f:
            vm = int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        cap = vm + 4 * rss_limit_mb * 1024 * 1024
        if hard != resource.RLIM_INFINITY:
            cap = min(cap, hard)
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    except (ImportError, OSError, ValueError, IndexError):
        pass


def save_artifact(artifacts: Path, kind: str, data: bytes) -> Path:
    artifacts.mkdir(parents=True, exist_ok=True)
    path = artifacts / f"{kind}-{hashlib.sha1(data).hexdigest()}"
    path.write_bytes(data)
    return path


def _load_corpus(dirs: Sequence[Path]) -> list[bytes]:
    out = []
    for d in dirs:
        if d.is_file():
            out.append(d.read_bytes())
        elif d.is_dir():
            out.extend(p.read_bytes() for p in sorted(d.iterdir()) if p.is_file())
    return out


def fallback_fuzz(target: Target, corpus: Sequence[Path], *, seconds: float, runs: int, max_len: int,
                  timeout: float, rss_limit_mb: int, artifacts: Path, rng_seed: int, save_new: Path | None) -> int:
    """Mutate the corpus for `seconds` (0: no limit) or `runs` inputs; 0 when nothing was found, else 1.

    Unlike libFuzzer it goes on after a finding and keeps one reproducer per kind of finding."""
    rng = random.Random(rng_seed)
    pool = _load_corpus(corpus) or [b""]
    tokens = TOKENS[target.kind]
    current: list[bytes] = [b""]
    found: dict[str, Path] = {}
    outcomes: set[str] = set()

    def on_alarm(signum: int, frame: object) -> None:
        raise InputTimeout(f"one input ran longer than {timeout} s")

    signal.signal(signal.SIGALRM, on_alarm)

    def watch() -> None:
        while True:
            time.sleep(0.2)
            rss = _rss_bytes()
            if rss is not None and rss > rss_limit_mb * 1024 * 1024:
                path = save_artifact(artifacts, "oom", current[0])
                print(f"==fallback== ERROR: out of memory: rss {rss // 1048576} MB > {rss_limit_mb} MB\n"
                      f"Test unit written to {path}", file=sys.stderr, flush=True)
                os._exit(OOM_EXIT)

    threading.Thread(target=watch, daemon=True).start()
    _cap_address_space(rss_limit_mb)

    def one(data: bytes) -> None:
        current[0] = data
        signal.setitimer(signal.ITIMER_REAL, timeout)
        try:
            outcome = target(data)
        except InputTimeout:
            signal.setitimer(signal.ITIMER_REAL, 0)
            key = "timeout"
            if key not in found:
                found[key] = save_artifact(artifacts, "timeout", data)
                print(f"==fallback== ERROR: timeout after {timeout} s\nTest unit written to {found[key]}",
                      file=sys.stderr, flush=True)
            return
        except KeyboardInterrupt:
            raise
        except BaseException as e:  # an escaped exception, or a Finding of check_input
            signal.setitimer(signal.ITIMER_REAL, 0)
            key = f"{type(e).__name__}@{where(e.__cause__ or e)}"
            if key not in found:
                found[key] = save_artifact(artifacts, "crash", data)
                print(f"\n=== Finding: {key} ===", file=sys.stderr)
                traceback.print_exception(e, file=sys.stderr)
                print(f"Test unit written to {found[key]}", file=sys.stderr, flush=True)
            return
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        if outcome not in outcomes:
            outcomes.add(outcome)
            if data not in pool:
                pool.append(data)
                if save_new is not None:
                    save_artifact(save_new, "new", data)

    start = time.monotonic()
    done = 0
    for data in list(pool):
        one(data[:max_len])
        done += 1
    print(f"#{done} INITED corp: {len(pool)} outcomes: {len(outcomes)}", file=sys.stderr, flush=True)
    while (not seconds or time.monotonic() - start < seconds) and (not runs or done < runs):
        parent = rng.choice(pool)
        if target.kind in ZIPPED and rng.random() < 0.85:
            child = mutate_zip(parent, rng, lambda b: mutate_bytes(b, rng, 4 * len(b) + 4096, tokens))
            if child is None:
                child = mutate_bytes(parent, rng, max_len, tokens, pool)
        else:
            child = mutate_bytes(parent, rng, max_len, tokens, pool)
        one(child)
        done += 1
        if done % 100 == 0:
            print(f"#{done} pulse corp: {len(pool)} outcomes: {len(outcomes)} findings: {len(found)}",
                  file=sys.stderr, flush=True)
    elapsed = time.monotonic() - start
    print(f"Done {done} runs in {int(elapsed)} second(s) (fallback engine; corp: {len(pool)}, "
          f"outcomes: {len(outcomes)}, findings: {len(found)})", file=sys.stderr, flush=True)
    return 1 if found else 0


# --------------------------------------------------------------------------- the atheris engine


def have_atheris() -> bool:
    try:
        import atheris  # noqa: F401
    except ImportError:
        return False
    return True


def _import_instrumented(kind: str, libraries: bool) -> None:
    """Import gdchecker (all its readers: a .txt input may be sniffed as HTML) under atheris' instrumentation, and
    with `libraries` the parser of this kind's reader too (3-5 s more to start: worth it in a long run)."""
    import atheris

    if any(m == "gdchecker" or m.startswith("gdchecker.") for m in sys.modules):
        print("warning: gdchecker was imported before instrumentation; coverage is blind to it", file=sys.stderr)
    with atheris.instrument_imports(include=["gdchecker", *(INSTRUMENT[kind] if libraries else [])]):
        import gdchecker.check  # noqa: F401
        import gdchecker.locate  # noqa: F401
        import gdchecker.read.docx  # noqa: F401
        import gdchecker.read.html  # noqa: F401
        import gdchecker.read.pdf  # noqa: F401
        import gdchecker.read.text  # noqa: F401
        import gdchecker.read.xlsx  # noqa: F401
        import gdchecker.rules  # noqa: F401
        if kind == "pdf":
            import pdfminer.pdfdocument  # noqa: F401
            import pdfplumber  # noqa: F401
        elif kind == "docx":
            import docx  # noqa: F401
        elif kind == "xlsx":
            import openpyxl  # noqa: F401


def atheris_fuzz(target: Target, corpus: Sequence[Path], *, seconds: float, runs: int, max_len: int, timeout: float,
                 rss_limit_mb: int, artifacts: Path, rng_seed: int | None, dict_path: Path | None,
                 extra: Sequence[str], libraries: bool = True) -> int:
    """libFuzzer through atheris: does not return (libFuzzer exits: 0, or non-zero on a finding)."""
    import atheris

    _import_instrumented(target.kind, libraries)
    artifacts.mkdir(parents=True, exist_ok=True)
    argv = [sys.argv[0], f"-max_total_time={int(seconds)}", f"-rss_limit_mb={rss_limit_mb}",
            f"-timeout={max(1, int(timeout))}", f"-max_len={max_len}", f"-artifact_prefix={artifacts}{os.sep}",
            "-print_final_stats=1"]
    if runs:
        argv.append(f"-runs={runs}")
    if rng_seed is not None:
        argv.append(f"-seed={rng_seed}")
    if dict_path is not None:
        argv.append(f"-dict={dict_path}")
    argv += [*extra, *(str(c) for c in corpus)]

    def test_one_input(data: bytes) -> None:
        target(data)

    kwargs: dict[str, object] = {}
    if target.kind in ZIPPED:
        def custom_mutator(data: bytes, max_size: int, seed: int) -> bytes:
            rng = random.Random(seed)
            if rng.random() < 0.85:
                try:
                    out = mutate_zip(data, rng, lambda b: atheris.Mutate(b, 2 * len(b) + 4096))
                except Exception:  # a mutator's error is no finding of check_file's
                    out = None
                if out is not None and len(out) <= max_size:
                    return out
            return atheris.Mutate(data, max_size)

        kwargs["custom_mutator"] = custom_mutator
    atheris.Setup(argv, test_one_input, **kwargs)
    atheris.Fuzz()
    return 0


# --------------------------------------------------------------------------- a target's command line


def replay(kind: str, files: Sequence[Path], *, strict: bool = True, count_known: bool = True,
           timeout: float = 0) -> int:
    """Each file once through check_file (as a .EXT of `kind`): 0 when none is a finding (timeout: seconds one
    file may take, 0 for no limit)."""
    bad = 0

    def on_alarm(signum: int, frame: object) -> None:
        raise InputTimeout(f"the input ran longer than {timeout:g} s (a fuzz target's -timeout)")

    old = signal.signal(signal.SIGALRM, on_alarm) if timeout else None
    with tempfile.TemporaryDirectory(prefix="gdfuzz-replay-") as tmp:
        target = Target(kind, Path(tmp), strict=strict, count_known=count_known)
        for f in files:
            t = time.monotonic()
            try:
                if timeout:
                    signal.setitimer(signal.ITIMER_REAL, timeout)
                outcome = target(f.read_bytes())
            except BaseException as e:  # noqa: B036 - what we are looking for
                if isinstance(e, KeyboardInterrupt):
                    raise
                bad += 1
                print(f"FINDING {f} (as {kind}, {time.monotonic() - t:.2f} s):", file=sys.stderr)
                traceback.print_exception(e, file=sys.stderr)
                continue
            finally:
                if timeout:
                    signal.setitimer(signal.ITIMER_REAL, 0)
            print(f"ok {f} (as {kind}, {time.monotonic() - t:.2f} s): {outcome}")
    if old is not None:
        signal.signal(signal.SIGALRM, old)
    return 1 if bad else 0


def parse_args(argv: Sequence[str]) -> tuple[argparse.Namespace, list[str]]:
    argv = list(argv)
    extra: list[str] = []
    if "--" in argv:
        extra = argv[argv.index("--") + 1:]
        argv = argv[:argv.index("--")]
    p = argparse.ArgumentParser(description="Fuzz one gdchecker reader through check_file. Arguments after -- go "
                                            "to libFuzzer as they are (atheris engine).")
    p.add_argument("inputs", nargs="*", type=Path, help="replay these files once each instead of fuzzing")
    p.add_argument("--engine", choices=("auto", "atheris", "fallback"), default="auto")
    p.add_argument("--seconds", type=float, default=60, help="how long to fuzz (0: until stopped)")
    p.add_argument("--runs", type=int, default=0, help="stop after this many inputs (0: no limit)")
    p.add_argument("--seeds", type=Path, help="seed corpus directory (default: made now by fuzz_seeds)")
    p.add_argument("--corpus", type=Path, help="working corpus: new interesting inputs land here "
                                               f"(default {WORK_ROOT}/KIND/corpus)")
    p.add_argument("--artifacts", type=Path, help=f"where reproducers land (default {DEFAULT_ARTIFACTS}/KIND)")
    p.add_argument("--workdir", type=Path, help="where the input file is written before each check "
                                                 f"(default {WORK_ROOT}/KIND/work)")
    p.add_argument("--timeout", type=float, default=10, help="seconds one input may take")
    p.add_argument("--rss-limit-mb", type=int, default=1024)
    p.add_argument("--max-len", type=int, help="largest input in bytes (default by kind)")
    p.add_argument("--seed", type=int, help="random seed (default: random)")
    p.add_argument("--cover", choices=("all", "gdchecker"), default="all",
                   help="atheris: coverage of gdchecker and the reader's parser library (all), or of gdchecker only "
                        "(starts 3-5 s sooner: for short runs)")
    p.add_argument("--strict", action="store_true", help="also a finding: a reader's unexpected exception that "
                                                         "check_file reports as 'unreadable'")
    p.add_argument("--known", action="store_true", help="count the known bugs of fuzz_seeds.KNOWN as findings "
                                                        "and put their edge cases in the seeds")
    return p.parse_args(argv), extra


def main(kind: str, argv: Sequence[str] | None = None) -> int:
    """A target's command line: fuzz `kind` (or replay files). Its directories default to WORK_ROOT/KIND/, so a
    corpus grows from one run to the next; run.py gives every run directories of its own."""
    args, extra = parse_args(sys.argv[1:] if argv is None else argv)
    warnings.simplefilter("ignore")  # openpyxl and pdfminer warn about every broken file
    if args.inputs:
        return replay(kind, args.inputs, strict=args.strict, count_known=True, timeout=args.timeout)
    engine = args.engine
    if engine == "auto":
        engine = "atheris" if have_atheris() else "fallback"
    home = WORK_ROOT / kind
    seeds_dir = args.seeds
    if seeds_dir is None:  # in a child process: the makers import gdchecker, which must wait for instrumentation
        seeds_dir = home / "seeds"
        shutil.rmtree(seeds_dir, ignore_errors=True)
        cmd = [sys.executable, str(HERE / "fuzz_seeds.py"), kind, str(seeds_dir)] + (["--known"] if args.known else [])
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    corpus = args.corpus or home / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    artifacts = args.artifacts or DEFAULT_ARTIFACTS / kind
    target = Target(kind, args.workdir or home / "work", strict=args.strict, count_known=args.known)
    max_len = args.max_len or MAX_LEN[kind]
    print(f"fuzz {kind}: engine {engine}, {args.seconds:g} s, seeds {seeds_dir}, corpus {corpus}, "
          f"artifacts {artifacts}", file=sys.stderr, flush=True)
    if engine == "atheris":
        dict_path = fuzz_seeds.write_dict(kind, target.path.parent / "tokens.dict")
        return atheris_fuzz(target, [corpus, seeds_dir], seconds=args.seconds, runs=args.runs, max_len=max_len,
                            timeout=args.timeout, rss_limit_mb=args.rss_limit_mb, artifacts=artifacts,
                            rng_seed=args.seed, dict_path=dict_path, extra=extra, libraries=args.cover == "all")
    return fallback_fuzz(target, [corpus, seeds_dir], seconds=args.seconds, runs=args.runs, max_len=max_len,
                         timeout=args.timeout, rss_limit_mb=args.rss_limit_mb, artifacts=artifacts,
                         rng_seed=random.randrange(2 ** 32) if args.seed is None else args.seed, save_new=corpus)
