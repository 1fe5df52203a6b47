"""Print the msgids that still lack an English translation; exit 1 when there are any."""

import sys

from babel.messages.pofile import read_po

with open("app/translations/en/LC_MESSAGES/messages.po", "rb") as fh:
    catalog = read_po(fh)
missing = [m.id for m in catalog if m.id and not (m.string if isinstance(m.string, str) else all(m.string))]
for msgid in missing:
    print(msgid if isinstance(msgid, str) else msgid[0])
print(f"{len(missing)} untranslated of {len([m for m in catalog if m.id])}", file=sys.stderr)
sys.exit(1 if missing else 0)
