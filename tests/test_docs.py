"""kg docs: bilingual HTML documentation of the ontology and the reference vocabularies."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg import docs
from kg.cli import main
from kg.namespaces import rebase
from kg.ontology import ONTOLOGY_DIR

ROOT = Path(__file__).resolve().parent.parent
DECLARED = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
VOID_ELEMENTS = {"meta", "br", "hr", "img", "input", "link", "wbr", "col", "area", "base", "source"}


@pytest.fixture(scope="module")
def vps() -> Graph:
    """ontology/vps.ttl alone, read apart from kg.ontology (re-based like it)."""
    return Graph().parse(data=rebase((ONTOLOGY_DIR / "vps.ttl").read_text(encoding="utf-8")), format="turtle")


@pytest.fixture(scope="module")
def ontology_page() -> str:
    return docs.ontology_html()


@pytest.fixture(scope="module")
def vocabularies_page() -> str:
    return docs.vocabularies_html()


def section(page: str, anchor: str) -> str:
    """The HTML of the <section> whose id is anchor."""
    found = re.search(rf'<section class="term" id="{re.escape(anchor)}">(.*?)</section>', page, re.S)
    assert found, f"no section #{anchor}"
    return found.group(1)


def literals(graph: Graph, node, predicate, lang: str) -> list[str]:
    return [str(v) for v in graph.objects(node, predicate) if isinstance(v, Literal) and v.language == lang]


class Balance(HTMLParser):
    """Checks that every element is closed in order, and collects what the page would load."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.tags: dict[str, int] = {}
        self.ids: list[str] = []
        self.fragments: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag == "a" and (attrs.get("href") or "").startswith("#"):
            self.fragments.add(attrs["href"][1:])
        if tag not in VOID_ELEMENTS:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes <{self.stack[-1] if self.stack else None}>")
        else:
            self.stack.pop()


def check_page(page: str) -> Balance:
    parser = Balance()
    parser.feed(page)
    parser.close()
    assert not parser.problems, parser.problems[:5]
    assert not parser.stack, f"unclosed: {parser.stack}"
    assert len(parser.ids) == len(set(parser.ids)), "duplicate ids"
    assert parser.fragments <= set(parser.ids), f"links to missing anchors: {sorted(parser.fragments - set(parser.ids))[:5]}"
    # one inline stylesheet, nothing loaded from elsewhere, readable on a phone
    assert parser.tags.get("style") == 1
    assert "script" not in parser.tags and "link" not in parser.tags and "img" not in parser.tags
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert "@media (max-width" in page
    return parser


def test_every_declared_term_is_documented_in_both_languages(vps, ontology_page):
    terms = sorted({s for kind in DECLARED for s in vps.subjects(RDF.type, kind) if isinstance(s, URIRef)})
    assert len(terms) > 40
    for term in terms:
        anchor = ("c-" if (term, RDF.type, OWL.Class) in vps else "p-") + docs.local_name(str(term))
        html = section(ontology_page, anchor)
        assert f"<code>{escape(str(term))}</code>" in html, term
        for lang in ("vi", "en"):
            labels = literals(vps, term, RDFS.label, lang)
            definitions = literals(vps, term, SKOS.definition, lang)
            assert labels and definitions, f"{term} has no {lang} label or definition in vps.ttl"
            for text in labels + definitions:
                assert escape(text) in html, f"{term}: {lang} text missing: {text}"


def test_class_and_property_details(ontology_page):
    holding = section(ontology_page, "c-Holding")
    assert 'href="http://www.w3.org/ns/org#Membership"' in holding and "org:Membership" in holding  # superclass
    for prop in ("holder", "post", "observedOn"):
        assert f'href="#p-{prop}"' in holding, f"{prop} not listed among Holding's properties"
    holder = section(ontology_page, "p-holder")
    assert 'href="#c-Holding"' in holder and 'href="#c-Person"' in holder  # domain and range
    assert "org:member" in holder  # super-property
    province = section(ontology_page, "c-Province")
    assert 'href="#c-AdministrativeUnit"' in province  # superclass inside the ontology links in-page
    # a union domain is shown as its members, never as a blank node id
    assert "∪" in ontology_page and "_:" not in ontology_page
    # the index at the top lists every section
    index = ontology_page.split('<nav class="index"', 1)[1].split("</nav>", 1)[0]
    assert 'href="#c-Person"' in index and 'href="#p-holder"' in index and 'href="#classes"' in index
    assert ontology_page.index('<nav class="index"') < ontology_page.index('<section class="term"')


def test_concept_schemes_of_concepts_ttl(ontology_page):
    for scheme in ("agreement-kind", "role", "level", "event-kind"):
        assert f'id="s-{scheme}"' in ontology_page
    roles = section(ontology_page, "s-role")
    assert "signatory" in roles


def test_pages_are_well_formed_and_self_contained(ontology_page, vocabularies_page):
    check_page(ontology_page)
    check_page(vocabularies_page)


def test_vocabularies_page(vocabularies_page):
    for scheme in ("title", "rank", "org-kind", "document-kind"):
        assert f'id="s-{scheme}"' in vocabularies_page
    for text in ("Chức danh", "Titles", "Loại văn bản", "Kinds of document"):
        assert text in vocabularies_page
    assert vocabularies_page.count('<tr id="u-2008-') == 63
    assert vocabularies_page.count('<tr id="u-2025-') == 34
    row = re.search(r'<tr id="u-2008-vinh-phuc".*?</tr>', vocabularies_page).group(0)
    assert "Vĩnh Phúc" in row and "Vinh Phuc" in row and 'href="#u-2025-phu-tho"' in row


def test_special_characters_are_escaped():
    from rdflib.namespace import XSD
    ex = Namespace("https://example.org/onto#")
    g = Graph()
    g.bind("ex", ex)
    g.add((ex.Thing, RDF.type, OWL.Class))
    g.add((ex.Thing, RDFS.label, Literal('Cái <b>"gì"</b> & đó', lang="vi")))
    g.add((ex.Thing, RDFS.label, Literal("<script>alert('x')</script>", lang="en")))
    g.add((ex.Thing, SKOS.definition, Literal("a < b && c > d", lang="en")))
    g.add((ex.Thing, SKOS.definition, Literal("Định nghĩa", lang="vi")))
    g.add((ex.size, RDF.type, OWL.DatatypeProperty))
    g.add((ex.size, RDFS.label, Literal("size <px>", lang="en")))
    g.add((ex.size, RDFS.domain, ex.Thing))
    g.add((ex.size, RDFS.range, XSD.integer))
    union = BNode()
    members = [ex.Thing, URIRef("https://example.org/onto#Other\"<x>")]
    from rdflib.collection import Collection
    Collection(g, BNode("list"), members)
    g.add((union, OWL.unionOf, BNode("list")))
    g.add((ex.size, RDFS.domain, union))
    page = docs.ontology_html(g)
    assert "<script>" not in page and "<b>" not in page and "<px>" not in page and 'Other"<x>' not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "Cái &lt;b&gt;&quot;gì&quot;&lt;/b&gt; &amp; đó" in page
    assert "a &lt; b &amp;&amp; c &gt; d" in page
    assert "size &lt;px&gt;" in page
    assert 'href="#p-size"' in section(page, "c-Thing")  # the property whose domain the class is
    check_page(page)


def test_command_writes_both_files(tmp_path, capsys):
    out = tmp_path / "site"
    assert main(["docs", "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["ontology.html", "vocabularies.html"]
    for name in ("ontology.html", "vocabularies.html"):
        text = (out / name).read_text(encoding="utf-8")
        assert text.startswith("<!DOCTYPE html>") and text.rstrip().endswith("</html>")
    assert "ontology.html" in capsys.readouterr().out


def test_output_is_identical_on_two_runs(tmp_path):
    """Two processes with different hash seeds (set and dict orders differ) write the same bytes."""
    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        done = subprocess.run([sys.executable, "-m", "kg.cli", "docs", "--out", str(tmp_path / seed)],
                              cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
    for name in ("ontology.html", "vocabularies.html"):
        assert (tmp_path / "1" / name).read_bytes() == (tmp_path / "2" / name).read_bytes(), name


@pytest.mark.skipif(os.environ.get("KG_BASE_IRI") is not None, reason="the committed pages use the default base")
def test_committed_pages_are_up_to_date(ontology_page, vocabularies_page):
    for name, page in (("ontology.html", ontology_page), ("vocabularies.html", vocabularies_page)):
        committed = ROOT / "docs" / name
        assert committed.is_file(), f"docs/{name} is missing: run `kg docs`"
        assert committed.read_text(encoding="utf-8") == page, f"docs/{name} is out of date: run `kg docs`"
