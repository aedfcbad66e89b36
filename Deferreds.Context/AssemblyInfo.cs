namespace Deferreds.Context;
