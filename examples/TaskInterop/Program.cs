// Crossing between Deferreds and Tasks: Defer.FromTask (Twisted's fromFuture) and AsTask (asFuture),
// with cancellation mapped both ways. The #region blocks are quoted by docs/deferreds.md.
using Deferreds;

#region from-task
// A Task becomes a Deferred: success, fault (the original exception) and cancellation (CancelledError).
var fromDone = Defer.FromTask(Task.FromResult(42));
Console.WriteLine($"FromTask(completed): {Defer.SuccessResultOf(fromDone)}");

var faulted = Defer.FromTask(Task.FromException<int>(new IOException("disk full")));
Console.WriteLine($"FromTask(faulted): {Defer.FailureResultOf(faulted, typeof(IOException)).GetErrorMessage()}");

var canceled = Defer.FromTask(Task.FromCanceled<int>(new CancellationToken(canceled: true)));
Console.WriteLine($"FromTask(canceled): {Defer.FailureResultOf(canceled).Type.Name}");

// A Task cannot be cancelled from outside: Cancel() fails the Deferred at once, the Task's outcome is ignored.
var pending = new TaskCompletionSource<int>();
var fromPending = Defer.FromTask(pending.Task);
fromPending.Cancel();
pending.SetResult(7);
Console.WriteLine($"FromTask(pending) cancelled: {Defer.FailureResultOf(fromPending).Type.Name}");
#endregion

#region as-task
// A Deferred becomes a Task. AsTask consumes the result (the chain continues with null), and the Task runs
// its continuations asynchronously, so `await task` never runs inside the Deferred's callback chain.
var d = new Deferred<string>();
Task<string> task = d.AsTask();
d.Callback("hello");
Console.WriteLine($"AsTask: {await task}; the Deferred now holds {d.Result ?? "null"}");

// A CancelledError failure makes the Task Canceled; cancelling the token cancels the Deferred.
using var cts = new CancellationTokenSource();
var slow = new Deferred<string>(canceller: _ => Console.WriteLine("canceller: the token cancelled the Deferred"));
var slowTask = slow.AsTask(cts.Token);
await cts.CancelAsync();
Console.WriteLine($"token cancelled: Task {slowTask.Status}, Deferred.Called={slow.Called}");
#endregion

#region await-task
// An async Deferred method can await Tasks too; it resumes when the Task completes. (A Deferred belongs to
// one thread: here the Task is completed on this thread, so the method resumes and fires on it.)
async Deferred<int> AddOneLater(Task<int> work) => await work + 1;

var work = new TaskCompletionSource<int>();
var result = AddOneLater(work.Task);
Defer.AssertNoResult(result);
work.SetResult(41);
Console.WriteLine($"async Deferred awaiting a Task: {Defer.SuccessResultOf(result)}");
#endregion
