using System.Text.RegularExpressions;

namespace Deferreds.Tests.Docs;

/// <summary>
/// Every code block in the docs marked <c>&lt;!-- snippet: path#region --&gt;</c> must equal that #region of the
/// compiled example it quotes, so the docs cannot drift from code that builds and runs
/// (examples/sync-snippets.py rewrites the blocks after an example changes).
/// </summary>
public sealed partial class DocSnippetTests
{
    public static TheoryData<string> Documents()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(Path.Combine(RepositoryRoot, "docs"), "*.md").Append(Path.Combine(RepositoryRoot, "README.md")))
        {
            if (SnippetMarker().IsMatch(File.ReadAllText(path)))
            {
                data.Add(Path.GetRelativePath(RepositoryRoot, path));
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Snippets_MatchTheExampleRegionsTheyQuote(string document)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot, document)).ReplaceLineEndings("\n");
        var snippets = SnippetMarker().Matches(text);
        Assert.NotEmpty(snippets);
        foreach (Match snippet in snippets)
        {
            var expected = Region(snippet.Groups["path"].Value, snippet.Groups["region"].Value);
            Assert.True(
                expected == snippet.Groups["code"].Value.TrimEnd('\n'),
                $"{document}: the snippet of {snippet.Groups["path"].Value}#{snippet.Groups["region"].Value} differs from the example; " +
                "run `python3 examples/sync-snippets.py . docs/*.md README.md`.");
        }
    }

    private static string Region(string path, string name)
    {
        var lines = File.ReadAllText(Path.Combine(RepositoryRoot, path)).ReplaceLineEndings("\n").Split('\n');
        var start = Array.FindIndex(lines, l => l.Trim() == "#region " + name);
        Assert.True(start >= 0, $"{path} has no #region {name}");
        var end = Array.FindIndex(lines, start + 1, l => l.Trim() == "#endregion");
        var body = lines[(start + 1)..end];
        var indent = body.Where(l => l.Trim().Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
        var dedented = body.Select(l => l.Trim().Length == 0 ? string.Empty : l[indent..]);
        return string.Join('\n', dedented).Trim('\n');
    }

    private static string RepositoryRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Deferreds.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Cannot find the repository root (Deferreds.sln) above the test binaries.");
    }

    [GeneratedRegex(@"<!-- snippet: (?<path>[^#\s]+)#(?<region>\S+) -->\n(?:[^\n]*\n)?```csharp\n(?<code>(?:(?!```)[^\n]*\n)*)```")]
    private static partial Regex SnippetMarker();
}
