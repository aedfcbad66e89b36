# Refreshes the doc snippets quoted from the examples: every ```csharp block right after a
# <!-- snippet: path#region --> marker (and an optional "From [...]" line) gets that #region of the file.
# Usage, from the repository root: python3 examples/sync-snippets.py . docs/log-contexts.md docs/deferreds.md
import re, sys, os, textwrap
root = sys.argv[1]
for doc in sys.argv[2:]:
    text = open(doc).read()
    def region(path, name):
        src = open(os.path.join(root, path)).read().split('\n')
        start = next(i for i, l in enumerate(src) if l.strip() == f'#region {name}')
        end = next(i for i in range(start + 1, len(src)) if src[i].strip() == '#endregion')
        return textwrap.dedent('\n'.join(src[start + 1:end])).strip('\n')
    def fill(m):
        path, name = m.group(2), m.group(3)
        return f'{m.group(1)}```csharp\n{region(path, name)}\n```'
    text = re.sub(r'(<!-- snippet: ([^#\s]+)#(\S+) -->\n(?:[^\n]*\n)?)```csharp\n(?:(?!```)[^\n]*\n)*```', fill, text)
    open(doc, 'w').write(text)
