"""`python -m nlu train`: our corpus -> DocBins under build/ -> spaCy's own training loop.

The corpus comes from `nlu.corpus.build(out_dir, seed, recipe)` when that module exists, else
from build/corpus/{train,dev}.jsonl. Training runs `spacy.cli.train.train` with the repo's
config (nlu/configs/config.cfg), the pruned static vectors (`nlu.vectors`) unless switched
off, and a fixed seed; `model-best` becomes the shipped pipeline (config.cfg + meta.json +
weights). The intent temperature is then fitted on the corpus's calibration slice (rows no
model trains on) and the model card is written from the dev scores.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import importlib.util
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from nlu.annotated import Annotated
from nlu.exceptions import BadData, NLUError
from nlu.settings import settings

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build"
CONFIGS = ROOT / "nlu" / "configs"
DEFAULT_CONFIG = CONFIGS / "config.cfg"
DEFAULT_OUTPUT = ROOT / "models" / "nlu-calendar"
LABEL_FILES = {
    "paths.ner_labels": CONFIGS / "labels" / "ner.json",
    "paths.textcat_labels": CONFIGS / "labels" / "textcat.json",
}
USE_VECTORS = True  # static GloVe vectors in the tok2vec (the ablation on the model card decides)


@dataclass(frozen=True)
class Corpus:
    """The examples one training run used, and where they came from (for the model card)."""

    train: list[Annotated]
    dev: list[Annotated]
    origin: str
    calibration: list[Annotated] = field(default_factory=list)


def corpus_generator() -> Callable[[Path, int], tuple[Path, Path]] | None:
    """nlu.corpus.build(out_dir, seed) -> (train.jsonl, dev.jsonl), once the corpus package has it."""
    if importlib.util.find_spec("nlu.corpus") is None:
        return None
    return getattr(importlib.import_module("nlu.corpus"), "build", None)


def corpus_files(
    seed: int, corpus_dir: Path | None = None, scratch: Path = BUILD, recipe=None
) -> tuple[Path, Path, str]:
    """(train.jsonl, dev.jsonl, origin) of the corpus to train on.

    In order: `corpus_dir` (or the NLU_CORPUS environment variable: a folder with your own
    train.jsonl and dev.jsonl, any format load_examples reads), the generator
    `nlu.corpus.build` (writing `scratch`/corpus/), and finally whatever an earlier build
    left in build/corpus/.
    """
    corpus_dir = corpus_dir or settings().corpus
    build = corpus_generator()
    if corpus_dir is None and build is not None:
        train, dev = build(scratch / "corpus", seed, **({"recipe": recipe} if recipe is not None else {}))
        return Path(train), Path(dev), "nlu.corpus.build"
    folder = corpus_dir or BUILD / "corpus"
    train, dev = folder / "train.jsonl", folder / "dev.jsonl"
    if not (train.exists() and dev.exists()):
        raise BadData(f"no corpus: {train} / {dev} do not exist (and nlu.corpus.build is not there)")
    return train, dev, _rel(folder)


def _rel(path: Path) -> str:
    path = Path(path).resolve()
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def load_corpus(
    seed: int, limit: int | None = None, corpus_dir: Path | None = None, scratch: Path = BUILD, recipe=None
) -> Corpus:
    """The training, dev and calibration examples, cut to `limit` (dev and calibration to half
    of it) for smoke tests. A corpus folder without calibration.jsonl calibrates nothing."""
    from nlu.importers import load_examples

    train_path, dev_path, origin = corpus_files(seed, corpus_dir, scratch, recipe)
    calibration_path = dev_path.parent / "calibration.jsonl"
    train, dev = load_examples(train_path), load_examples(dev_path)
    calibration = load_examples(calibration_path) if calibration_path.exists() else []
    if limit:
        train, dev, calibration = train[:limit], dev[: max(1, limit // 2)], calibration[: limit // 2]
    if not train or not dev:
        raise BadData(f"empty corpus split: {len(train)} train, {len(dev)} dev examples")
    return Corpus(train, dev, origin, calibration)


def write_docbins(corpus: Corpus, workdir: Path) -> tuple[Path, Path]:
    """train.spacy and dev.spacy under `workdir`; spans that do not fit are reported."""
    from nlu.importers import write_docbin

    paths = workdir / "train.spacy", workdir / "dev.spacy"
    for name, examples, path in (("train", corpus.train, paths[0]), ("dev", corpus.dev, paths[1])):
        n, problems = write_docbin(examples, path, roles=False)
        for problem in problems[:20]:
            print(f"[{name}] left out: {problem}")
        print(
            f"{name}: {n} docs -> {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}"
            f" ({len(problems)} spans left out)"
        )
    return paths


def overrides(train: Path, dev: Path, seed: int, max_steps: int | None) -> dict:
    """Config values a run sets: data paths, label files, seed, and the step budget."""
    values = {"paths.train": str(train), "paths.dev": str(dev), "system.seed": seed}
    values.update({key: str(path) for key, path in LABEL_FILES.items()})
    if max_steps:
        values["training.max_steps"] = max_steps
        values["training.eval_frequency"] = max(1, min(max_steps, 250))
    return values


def vector_overrides(corpus: Corpus, workdir: Path) -> dict:
    """Config values that put the pruned static vectors into the tok2vec."""
    from nlu import vectors

    words = {word for ex in corpus.train for word in ex.text.split()}
    folder = vectors.build(workdir / "vectors", words)
    return {"paths.vectors": str(folder), "components.tok2vec.model.embed.include_static_vectors": True}


def calibrate(output: Path, rows: list[Annotated]) -> dict | None:
    """Fit the intent temperature on `rows` (never trained on) and store it in meta.json."""
    import json

    import nlu
    from nlu import calibration

    judged = [ex for ex in rows if ex.intent]
    if not judged:
        return None
    parses = list(nlu.load(output).parse_many([ex.text for ex in judged]))
    pairs = [(p.scores, ex.intent) for p, ex in zip(parses, judged, strict=True) if p.scores]
    temperature = calibration.fit_temperature(pairs)
    ece = {
        t: calibration.ece(
            [(calibration.scaled(s, t)[max(s, key=s.get)], max(s, key=s.get) == gold) for s, gold in pairs]
        )
        for t in (1.0, temperature)
    }
    found = {"temperature": temperature, "fitted_on": len(pairs), "ece_before": ece[1.0], "ece_after": ece[temperature]}
    meta_path = output / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["calibration"] = found
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return found


def run_spacy_train(config: Path, workdir: Path, values: dict) -> Path:
    """spaCy's own training loop; returns the model-best directory."""
    from spacy.cli.train import train as spacy_train

    import nlu.architectures  # noqa: F401  (registers the intent classifier's architecture)

    out = workdir / "output"
    if out.exists():
        shutil.rmtree(out)
    spacy_train(config, out, use_gpu=-1, overrides=values)
    best = out / "model-best"
    if not (best / "config.cfg").exists():
        raise NLUError(f"spaCy training left no model-best in {out}")
    return best


def check_output(output: Path) -> None:
    """Refuse, before any work, to replace a folder that is not an earlier trained pipeline."""
    if output.exists() and (not output.is_dir() or any(output.iterdir())) and not (output / "meta.json").exists():
        raise NLUError(f"{output} exists and is not a trained pipeline: refusing to overwrite it")


def install(best: Path, output: Path) -> None:
    """Copy model-best to `output`, replacing an earlier pipeline (never an unrelated folder)."""
    check_output(output)
    if output.exists():
        shutil.rmtree(output)
    shutil.copytree(best, output)
    _portable_config(output / "config.cfg")


def _portable_config(path: Path) -> None:
    """Forget the build/ paths of this run in the shipped config (they mean nothing elsewhere)."""
    from spacy.util import load_config

    config = load_config(path, interpolate=False)
    for key in ("train", "dev", "vectors"):  # the vectors live in the pipeline's own vocab now
        config["paths"][key] = None
    for key, label_file in LABEL_FILES.items():
        config["paths"][key.split(".", 1)[1]] = str(label_file.relative_to(ROOT))
    config.to_disk(path)


def workdir_for(output: Path) -> Path:
    """Where a run keeps its DocBins and spaCy's checkpoints: build/training/ for a pipeline
    inside the project, a sibling folder for one outside it (a test's temporary folder), so
    runs never clobber each other and temporary runs leave nothing behind in build/."""
    resolved = Path(output).resolve()
    if not resolved.is_relative_to(ROOT):
        return resolved.parent / f"{resolved.name}.build"
    tag = hashlib.sha1(str(resolved).encode()).hexdigest()[:8]
    return BUILD / "training" / f"{resolved.name or 'model'}-{tag}"


def train(
    output: Path,
    config: Path = DEFAULT_CONFIG,
    seed: int = 0,
    max_steps: int | None = None,
    limit: int | None = None,
    corpus_dir: Path | None = None,
    recipe=None,
    vectors: bool = USE_VECTORS,
) -> Path:
    """Train the pipeline end to end and write it, calibrated and with its model card, to `output`."""
    from nlu import modelcard

    check_output(output)
    workdir = workdir_for(output)
    # A full run into the shipped folder leaves its corpus in build/corpus/ for people to
    # read; any other run keeps its own copy so it never rewrites files another run may read.
    scratch = BUILD if not limit and Path(output).resolve() == DEFAULT_OUTPUT.resolve() else workdir
    corpus = load_corpus(seed, limit, corpus_dir, scratch=scratch, recipe=recipe)
    train_path, dev_path = write_docbins(corpus, workdir)
    values = overrides(train_path, dev_path, seed, max_steps)
    if vectors:
        values.update(vector_overrides(corpus, workdir))
    best = run_spacy_train(config, workdir, values)
    install(best, output)
    calibrate(output, corpus.calibration)
    modelcard.write_after_training(
        output, corpus, seed=seed, config=config, max_steps=max_steps, recipe=recipe, vectors=vectors
    )
    return output


def train_command(args: argparse.Namespace) -> int:
    """The CLI shell: `python -m nlu train [--output DIR] [--config CFG] [--max-steps N] [--limit N] [--seed S]
    [--template-ratio R] [--no-handwritten] [--no-vectors] [--no-asr-lm]`; a full run into the
    shipped folder then rebuilds the speech language model from the same corpus."""
    from nlu.corpus import TEMPLATE_RATIO, Recipe

    output = Path(args.output) if args.output else DEFAULT_OUTPUT
    config = Path(args.config) if args.config else DEFAULT_CONFIG
    if not config.exists():
        raise BadData(f"no training config at {config}")
    ratio = TEMPLATE_RATIO if args.template_ratio is None else args.template_ratio
    if ratio < 0:
        raise BadData(f"--template-ratio is generated rows per real row: 0 or more, not {ratio}")
    recipe = Recipe(template_ratio=ratio, handwritten=not args.no_handwritten)
    train(
        output,
        config,
        seed=args.seed,
        max_steps=args.max_steps,
        limit=args.limit,
        recipe=recipe,
        vectors=not args.no_vectors,
    )
    print(f"trained pipeline written to {output}")
    if rebuilds_asr_lm(output, args.limit, getattr(args, "no_asr_lm", False)):
        rebuild_asr_lm(args.seed, recipe)
    return 0


def rebuilds_asr_lm(output: Path, limit: int | None, skip: bool) -> bool:
    """Whether a training run also rebuilds the speech language model: only a full run into
    the shipped folder (the recognizer's model is made from the same corpus, and ships beside it)."""
    return not skip and not limit and Path(output).resolve() == DEFAULT_OUTPUT.resolve()


def rebuild_asr_lm(seed: int, recipe=None) -> None:
    """`python -m nlu asr-lm` on the corpus this run trained on (models/asr-calendar)."""
    from nlu.asr_lm.builder import DEFAULT_OUTPUT as ASR_OUTPUT
    from nlu.asr_lm.builder import build
    from nlu.corpus import examples

    train_rows, dev_rows = examples(seed, recipe) if recipe is not None else examples(seed)
    meta = build(ASR_OUTPUT, train_rows, dev_rows, seed=seed)
    print(f"speech language model rebuilt in {_rel(ASR_OUTPUT)} ({meta['vocabulary']:,} words)")
