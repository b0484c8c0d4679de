"""Import: a raw capture (text or saved HTML) -> an Extraction, the draft of a cleaned transcript.

decode    bytes -> clean Unicode text (encoding, control characters, size cap)
html      saved web page -> text with the page's paragraph and line structure
lines     each line classified: chrome, metadata, label, speech
metadata  title, event date and place, only where the text states them
turns     speaker turns from labels; speakers resolved against the registry
quotes    news articles: direct quotes and who the article attributes them to
extract   runs the stages in order
"""
