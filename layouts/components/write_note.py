"""The line shown in place of write controls the user may not use (`layouts.views.write_access`): who may do it, a
sign-in link that comes back to the page, and the first-account command on an install with no account yet."""

from __future__ import annotations

from dash import html

from layouts.views.write_access import WriteNote


def write_note(note: WriteNote, note_id: str) -> html.Div:
    """The note as a notice with id `note_id` (tests and the browser find it by that id)."""
    line: list[object] = [note.text]
    if note.sign_in:
        line += [" ", html.A(note.sign_in_text, href=note.sign_in, className="sign-in-link")]  # a server page: a full load
    children: list[object] = [html.P(line)]
    if note.command:
        children += [html.P(note.command_intro), html.Pre(html.Code(note.command), className="command")]
    return html.Div(children, id=note_id, className="notice notice-info write-note", role="note")
