"""spaCy DocBin export, loaded back with spaCy itself."""

from __future__ import annotations

import spacy
import srsly
from spacy.tokens import DocBin, Span

from framing_annotator.domain.model import (
    Quote,
    QuoteKind,
    Suggestion,
    SuggestionDecision,
    SuggestionStatus,
)
from framing_annotator.domain.spans import Span as Range
from framing_annotator.nlp.docbin import (
    DOC_ATTRS,
    _docbin_bytes,
    add_tokenized,
    build_doc,
    register_extensions,
    write_docbin,
)
from framing_annotator.services.annotation import AnnotationSession
from framing_annotator.services.commands import CreateQuote
from framing_annotator.services.exchange import (
    ExportOptions,
    export_annotations,
    gather_annotation_set,
)

from .exchange_support import PORT, span_of


def load(path):
    for name in ("kind", "speaker", "speaker_type", "frames", "mention", "annotator",
                 "quote_id", "note", "offsets"):  # fmt: skip
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)
    nlp = spacy.blank("en")
    return list(DocBin().from_disk(path).get_docs(nlp.vocab))


def test_spacy_loads_spans_and_user_data(annotated, tmp_path):
    out = tmp_path / "train.spacy"
    export_annotations(annotated.repo, "spacy", out)
    docs = load(out)
    assert len(docs) == 5
    total = 0
    for doc in docs:
        stored = {q["id"]: q for q in doc.user_data["quotes"]}
        assert doc.user_data["text_sha256"] and doc.user_data["annotator"]
        assert len(doc.spans["quotes"]) == len(stored)
        for span in doc.spans["quotes"]:
            quote = stored[span.id_]
            assert span.text == quote["text"] == doc.text[quote["start"] : quote["end"]]
            assert span.label_ == quote["kind"] == span._.kind
            assert span._.quote_id == span.id_ and span._.annotator == doc.user_data["annotator"]
            assert span._.speaker == quote["speaker"]
            assert list(span._.frames) == list(quote["frames"])
            assert tuple(span._.offsets) == (quote["start"], quote["end"])
            total += 1
    assert total == 8
    ana = next(d for d in docs if d.user_data["annotator"] == "ana")
    assert ana.text == PORT and ana.user_data["title"] == "Port strike"
    ruiz = next(s for s in ana.spans["quotes"] if s._.speaker == "Ana Ruiz")
    assert tuple(ruiz._.mention) == (span_of(PORT, "Ana Ruiz").start, span_of(PORT, "Ana Ruiz").end)
    assert ruiz._.speaker_type == "advocate"


def test_quote_inside_tokens_expands_and_keeps_exact_offsets(annotated, tmp_path):
    repo = annotated.repo
    inside = span_of(PORT, "ill not back dow")  # starts and ends inside words
    AnnotationSession(repo, "dan").execute(CreateQuote(Quote(1, "dan", inside, QuoteKind.DIRECT)))
    out = tmp_path / "train.spacy"
    export_annotations(repo, "spacy", out)
    (doc,) = [d for d in load(out) if d.user_data["annotator"] == "dan"]
    (span,) = doc.spans["quotes"]
    (stored,) = doc.user_data["quotes"]
    assert span.text == "will not back down"  # the tokens that cover it
    assert doc.text[stored["start"] : stored["end"]] == stored["text"] == "ill not back dow"
    assert tuple(span._.offsets) == (inside.start, inside.end)


def test_fast_add_matches_docbin_add(annotated):
    nlp = spacy.blank("en")
    annotations = gather_annotation_set(annotated.repo)
    standard = DocBin(attrs=DOC_ATTRS, store_user_data=True)
    fast = DocBin(attrs=DOC_ATTRS, store_user_data=True)
    packer = srsly.msgpack.Packer(use_bin_type=True)
    register_extensions()
    for document in annotations.documents:
        standard.add(build_doc(nlp, annotations, document))
        add_tokenized(fast, build_doc(nlp, annotations, document), packer)
    assert fast.strings == standard.strings
    assert fast.user_data == standard.user_data and fast.span_groups == standard.span_groups
    assert all((a == b).all() for a, b in zip(fast.tokens, standard.tokens, strict=True))
    assert all((a == b).all() for a, b in zip(fast.spaces, standard.spaces, strict=True))
    assert fast.flags == standard.flags and fast.cats == standard.cats


def test_one_doc_per_article_gives_the_bytes_of_a_fresh_doc_per_annotator(annotated, tmp_path):
    """The writer tokenises an article once and reuses that Doc for each annotator; the
    file is byte for byte the one made from a freshly tokenised Doc per document."""
    repo = annotated.repo
    with repo.transaction():  # pending for ana, not for ben, who comes next
        repo.replace_suggestions(1, [Suggestion(Range(0, 9), QuoteKind.DIRECT, "rules", 0.5)])
        (suggestion,) = repo.suggestions(1)
        repo.set_decision(SuggestionDecision(suggestion.id, "ben", SuggestionStatus.REJECTED))
    nlp = spacy.blank("en")
    register_extensions()
    annotations = gather_annotation_set(repo, ExportOptions(suggestions=True))
    assert [len(d.suggestions) for d in annotations.documents][:2] == [1, 0]
    articles = [d.article.id for d in annotations.documents]
    assert len(set(articles)) < len(articles)  # some article has several annotators
    reference = DocBin(attrs=DOC_ATTRS, store_user_data=True)
    packer = srsly.msgpack.Packer(use_bin_type=True)
    for document in annotations.documents:
        add_tokenized(reference, build_doc(nlp, annotations, document), packer)
    out = tmp_path / "a.spacy"
    write_docbin(annotations, out)
    assert out.read_bytes() == _docbin_bytes(reference, packer)
