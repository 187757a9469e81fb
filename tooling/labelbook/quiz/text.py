"""Plain text and Markdown -> the small XHTML the LMS formats carry.

Example content is plain text: whatever it quotes (`<script>`, Markdown) must reach the
learner as text, so it is escaped, never interpreted. Rationales are Markdown from a pull
request: rendered with raw HTML shown as text, then sanitised (links other than http(s),
mailto and relative ones dropped) by `labelbook.core.html`, the path of every repository
text to HTML.
"""

from __future__ import annotations

import re

from labelbook.core.html import escape, render_markdown
from labelbook.quiz import i18n


# Characters XML 1.0 cannot carry at all (a YAML "\x01" escape could bring one in): each
# becomes U+FFFD, as in the XML exports, so that the reader sees something was there.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_chars(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def esc(text: str) -> str:
    return escape(_xml_chars(text))


def comment(text: str) -> str:
    """Text safe inside an XML comment, which cannot hold '--'."""
    text = _xml_chars(text)
    while "--" in text:
        text = text.replace("--", "- -")
    return text if not text.endswith("-") else text + " "


def paragraphs(text: str) -> list[str]:
    """Blocks separated by blank lines, each stripped; never empty for non-blank text."""
    blocks = re.split(r"\n\s*\n", text.strip())
    return [b.strip() for b in blocks if b.strip()]


def plain_html(text: str) -> str:
    """Plain text as XHTML paragraphs; single line breaks kept as <br />."""
    return "".join(f"<p>{'<br />'.join(esc(line) for line in block.splitlines())}</p>" for block in paragraphs(text))


def markdown_html(md: str) -> str:
    """A rationale's Markdown as XHTML, with raw HTML shown as text and unsafe links removed."""
    return render_markdown(_xml_chars(md), allow_html=False, xhtml=True)


def question_html(item: dict, lang: str, prompt: bool = True) -> str:
    """The question as an LMS shows it: modality, the text (warning first), the prompt."""
    out = f"<p><strong>{esc(i18n.t(lang, 'modality'))}:</strong> {esc(i18n.modality(lang, item['modality']))}</p>"
    out += plain_html(item["question"])
    if prompt:
        out += f"<p><strong>{esc(i18n.t(lang, 'prompt'))}</strong></p>"
    return out


def option_text(item: dict, option_id: str) -> str:
    return next(o["text"] for o in item["options"] if o["id"] == option_id)


def verdict_html(item: dict, lang: str, option_id: str) -> str:
    """What a learner who chose `option_id` reads first."""
    if option_id == item["key"]:
        return f"<p>{esc(i18n.t(lang, 'correct'))}</p>"
    return f"<p>{esc(i18n.t(lang, 'incorrect', answer=option_text(item, item['key'])))}</p>"


def general_feedback_html(item: dict, lang: str) -> str:
    """The rationale and a link to the rule's page: what every learner reads after answering."""
    fb = item["feedback"]
    link = esc(i18n.t(lang, "rule_link", rule=item["rule"], title=fb["rule_title"]))
    return markdown_html(fb["rationale"]) + f'<p><a href="{esc(fb["rule_url"])}">{link}</a></p>'
