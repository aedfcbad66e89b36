namespace Deferreds;
