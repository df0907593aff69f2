"""Look closer: a click, tap or Enter on a result opens it larger, with its whole caption, its facet values
and the three actions (more like this / not this / this is it).

The viewer is a Gradio column shown as a dialog over the page (CSS below) while
a result is selected; ``Close``, the Escape key or any action closes it. The
small script run on page load gives it dialog semantics, moves keyboard focus
into it when it opens (Tab then cycles inside it) and back to the thumbnail
when it closes. It owns the
action buttons, so they are reachable from the opened result on every width.
"""

from __future__ import annotations

from typing import Any

import gradio as gr

from app.handlers import ACTIONS
from app.view import Detail, View
from retrieval.catalog.schema import FACETS

CSS = """
#viewer { position: fixed; z-index: 1000; top: 4vh; left: 50%; transform: translateX(-50%);
  width: min(980px, 94vw); max-height: 92vh; overflow: auto; padding: 16px; border-radius: 12px;
  background: var(--background-fill-primary); border: 1px solid var(--border-color-primary);
  box-shadow: 0 0 0 100vmax rgba(0, 0, 0, 0.45); }
#viewer-image { height: min(64vh, 560px); }
#viewer-image img { width: 100%; height: 100%; object-fit: contain; }
#viewer-caption .viewer-caption { font-size: 1.1rem; }
@media (max-width: 768px) {
  #viewer { top: 2vh; width: 96vw; max-height: 96vh; padding: 10px; }
  #viewer-image { height: 40vh; }
}
"""

# Run once on page load (``demo.load(js=...)``): dialog semantics, focus in and out, Escape closes.
JS = """
() => {
  const viewer = () => document.getElementById('viewer');
  const isOpen = () => { const v = viewer(); return !!v && v.getClientRects().length > 0; };
  let opener = null, wasOpen = false;
  document.addEventListener('keydown', (e) => {
    if (!isOpen()) return;
    if (e.key === 'Escape') { e.preventDefault(); document.querySelector('#viewer-close')?.click(); return; }
    if (e.key !== 'Tab') return;  // keep Tab and Shift+Tab cycling inside the open viewer
    const items = [...viewer().querySelectorAll('button, [href], input, [tabindex]:not([tabindex="-1"])')]
      .filter((el) => !el.disabled && el.getClientRects().length > 0);
    if (!items.length) return;
    const first = items[0], last = items[items.length - 1];
    const inside = viewer().contains(document.activeElement);
    if (e.shiftKey && (!inside || document.activeElement === first)) { e.preventDefault(); last.focus(); }
    else if (!e.shiftKey && (!inside || document.activeElement === last)) { e.preventDefault(); first.focus(); }
  });
  const focusInside = () => {
    const target = document.querySelector('#viewer button#act-like:not([disabled])')
      || document.querySelector('#viewer-close');
    target?.focus();
  };
  new MutationObserver(() => {
    const open = isOpen();
    if (open && !wasOpen) {
      const v = viewer();
      v.setAttribute('role', 'dialog');
      v.setAttribute('aria-modal', 'true');
      v.setAttribute('aria-label', 'Result, larger');
      opener = document.activeElement;
      setTimeout(focusInside, 60);
    } else if (!open && wasOpen && opener && document.contains(opener)) {
      opener.focus();
    }
    wasOpen = open;
  }).observe(document.body, {subtree: true, childList: true, attributes: true,
                             attributeFilter: ['class', 'style', 'hidden']});
}
"""


def facet_label(name: str) -> str:
    """How a facet is named to a person: the demo schema's label, else the name itself."""
    f = FACETS.get(name)
    return f.label if f is not None else name.replace("_", " ")


def detail_markdown(detail: Detail) -> str:
    """The whole caption, then one line per facet value, then the result's id and score."""
    rows = "\n".join(f"| {facet_label(k)} | {v} |" for k, v in detail.facets.items() if v)
    table = f"| attribute | value |\n| --- | --- |\n{rows}\n\n" if rows else ""
    return (f'<p class="viewer-caption">{_escape(detail.caption)}</p>\n\n{table}'
            f"_Result #{detail.id}, score {detail.score:.2f}_")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class ResultViewer:
    """The viewer's components, built inside the current ``gr.Blocks``; ``updates`` maps a View onto them."""

    def __init__(self) -> None:
        with gr.Column(visible=False, elem_id="viewer") as self.panel:
            with gr.Row(equal_height=False):
                self.image = gr.Image(show_label=False, interactive=False, elem_id="viewer-image", buttons=[],
                                      scale=3, min_width=240)
                with gr.Column(scale=2, min_width=240):
                    self.text = gr.Markdown(elem_id="viewer-caption")
                    with gr.Row(elem_id="viewer-actions"):
                        self.act_btns = {
                            a: gr.Button(label, interactive=False, size="sm", elem_id=f"act-{a}",
                                         variant="primary" if a == "found" else "secondary")
                            for a, label in ACTIONS.items()
                        }
                    self.close = gr.Button("Close", size="sm", elem_id="viewer-close")

    @property
    def outputs(self) -> list[Any]:
        return [self.panel, self.image, self.text]

    @staticmethod
    def updates(view: View) -> tuple[Any, Any, Any]:
        d = view.detail
        if d is None:
            return gr.update(visible=False), gr.update(), gr.update()
        return gr.update(visible=True), gr.update(value=d.image), gr.update(value=detail_markdown(d))
