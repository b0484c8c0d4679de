"""What onrecord relies on in the site generator, pinned: when MkDocs changes these, the tests
fail loudly instead of the parallel renderer going silently wrong."""

from __future__ import annotations

import ast
import inspect
import textwrap

from onrecord import parallel


def _calls_in_order(function) -> list[str]:
    """Attribute calls in a function's source, in order: ['on_pre_page', 'read_source', ...]."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(function)))
    calls = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
    ]
    return [c.func.attr for c in sorted(calls, key=lambda c: (c.lineno, c.col_offset))]


def test_mkdocs_renders_a_page_in_the_steps_the_parallel_renderer_repeats():
    """parallel._render runs, in a worker, what mkdocs.commands.build._populate_page runs between
    the pre_page and page_content events. If this fails, MkDocs changed how it renders a page:
    read _populate_page again and bring parallel._render in line with it."""
    from mkdocs.commands import build

    steps = [
        c
        for c in _calls_in_order(build._populate_page)
        if c in {"on_pre_page", "read_source", "on_page_markdown", "render", "on_page_content"}
    ]
    assert steps == ["on_pre_page", "read_source", "on_page_markdown", "render", "on_page_content"]
    ours = [c for c in _calls_in_order(parallel._render) if c in set(steps)]
    assert ours == ["read_source", "on_page_markdown", "render"]


def test_a_rendered_page_has_the_attributes_the_parallel_renderer_sends_back(tmp_path):
    """What a worker sends back is what Page.render sets; the build process sets it on its Page."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text(
        "# Title\n\n## A section { #t-001 }\n\n[self](index.md)\n"
    )
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nmarkdown_extensions: [attr_list, toc]\n")
    config = load_config(str(tmp_path / "mkdocs.yml"))
    file = File("index.md", str(tmp_path / "docs"), str(tmp_path / "site"), use_directory_urls=True)
    files = Files([file])
    page = Page(None, file, config)
    page.read_source(config)
    page.render(config, files)
    assert '<h2 id="t-001">' in page.content
    assert [item.title for item in page.toc][:1] == ["Title"]
    assert page._title_from_render == "Title"
    assert "t-001" in page.present_anchor_ids
    assert isinstance(page.links_to_anchors, dict)
    assert set(inspect.signature(Page.render).parameters) == {"self", "config", "files"}
