"""Shared words live at the bottom, once: the bottom modules import no feature, and each shared word
(languages, tokens, YAML reading, absolute links, stored times, case labels) has one home."""
import re

from test_structure import PACKAGE, ROOT, imported_features, sources

# Everything directly in screener/ is the bottom, except the top that wires the features together.
TOP = {"screener/__init__.py", "screener/migrations.py"}

# (what, pattern, the modules allowed to hold it)
HOMES = [
    ("the site's languages", r"^LANGUAGES\s*=", {"screener/config.py"}),
    ("a new secret token", r"token_urlsafe\(", {"screener/tokens.py"}),
    ("a token's stored hash", r"sha256\(\w+\.encode\(\)\)", {"screener/tokens.py"}),
    ("reading YAML", r"yaml\.(?:safe_)?load\(", {"screener/content/__init__.py"}),
    ("an absolute link", r"url_map\.bind\(", {"screener/web.py"}),
    ("reading a stored time", r"datetime\.fromisoformat\(",
     {"screener/clock.py", "screener/partners/moments.py"}),  # moments.py reads a typed local time, not a stored one
    ("a text in the visitor's language", r"\.get\(\"nl\"\)", {"screener/content/__init__.py"}),
    ("the outcome labels", r"\"unreachable\":\s*_l\(", {"screener/cases/vocabulary.py"}),
    ("the status labels", r"\"claimed\":\s*_l\(", {"screener/cases/vocabulary.py"}),
    ("the step of each kind", r"\"edpb\":\s*1\b", {"screener/cases/vocabulary.py"}),
    ("the province keys", r"\"oost_vlaanderen\",\s*\"vlaams_brabant\"", {"screener/cases/vocabulary.py"}),
    ("the moment labels", r"\"after_night_shift\":\s*_l\(", {"screener/cases/vocabulary.py"}),
]


def test_the_bottom_imports_no_feature():
    bottom = [p for p in sorted(PACKAGE.glob("*.py")) if str(p.relative_to(ROOT)) not in TOP]
    bottom.append(PACKAGE / "content" / "__init__.py")
    wrong = {str(p.relative_to(ROOT)): sorted(imported_features(p)) for p in bottom if imported_features(p)}
    assert wrong == {}
    # Nor the top: db.py used to import migrations.py, and so every feature's schema.
    imports_top = re.compile(r"^\s*(?:from\s+(?:\.|screener)\s+import\s+[^\n]*\bmigrations\b|from\s+(?:\.|screener\.)migrations\s+import)", re.M)
    assert [str(p.relative_to(ROOT)) for p in bottom if imports_top.search(p.read_text(encoding="utf-8"))] == []


def test_each_shared_word_has_one_home():
    files = sources()
    wrong = []
    for what, pattern, homes in HOMES:
        found = {path for path, text in files.items() if re.search(pattern, text, re.MULTILINE)}
        if found - homes:
            wrong.append(f"{what}: also in {', '.join(sorted(found - homes))}")
        if not found:
            wrong.append(f"{what}: found nowhere; the pattern is out of date")
    assert wrong == []
