using System.Diagnostics;
using System.Globalization;

namespace NavusoftSync.Bench;

/// <summary>
/// A built program (<c>dotnet X.dll</c>) run in a process of its own, its output in a log file, so
/// the benchmark measures that process alone. Stopped (killed) on dispose.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ChildProcess(Process process, string log)
    {
        _process = process;
        Log = log;
    }

    public int Id => _process.Id;

    public string Log { get; }

    public bool HasExited => _process.HasExited;

    public static ChildProcess Start(string dll, IEnumerable<string> args, IReadOnlyDictionary<string, string> environment, string log)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {dll}.");
        var writer = new StreamWriter(log) { AutoFlush = true };
        var gate = new Lock();
        void Write(string? line)
        {
            if (line is not null)
            {
                lock (gate)
                {
                    writer.WriteLine(line);
                }
            }
        }

        process.OutputDataReceived += (_, e) => Write(e.Data);
        process.ErrorDataReceived += (_, e) => Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.Exited += (_, _) => writer.Dispose();
        process.EnableRaisingEvents = true;
        return new ChildProcess(process, log);
    }

    /// <summary>Polls <paramref name="url"/> until it answers 2xx; fails if the process exits or time runs out.</summary>
    public async Task WaitReadyAsync(string url, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The process exited before {url} answered; see {Log}.");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(url));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"{url} did not answer within {timeout.TotalSeconds:N0} s; see {Log}.");
    }

    /// <summary>Kills the process outright (SIGKILL: no shutdown code runs) and waits until it is gone.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}

/// <summary>
/// Samples one process's resident set (Linux <c>/proc/{pid}/status</c>: VmRSS, and VmHWM, the
/// kernel's own peak) every 50 ms; <see cref="Mark"/> starts a new phase whose peak is kept apart.
/// </summary>
internal sealed class MemorySampler : IAsyncDisposable
{
    private readonly int _pid;
    private readonly SamplingLoop _loop;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, long> _peaks = [];
    private string _phase = "start";

    public MemorySampler(int pid)
    {
        _pid = pid;
        _loop = new SamplingLoop(TimeSpan.FromMilliseconds(50), Sample);
    }

    /// <summary>The resident set now, in bytes.</summary>
    public long Current => Read("VmRSS:");

    /// <summary>CPU time (user + system) the process has used so far, from <c>/proc/{pid}/stat</c>.</summary>
    public TimeSpan CpuTime => CpuTimeOf(_pid);

    public static TimeSpan CpuTimeOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(ticks / 100.0); // USER_HZ is 100 on Linux
        }
        catch (IOException)
        {
            return TimeSpan.Zero;
        }
    }

    /// <summary>The process's peak resident set over its whole life (the kernel's high-water mark), in bytes.</summary>
    public long LifetimePeak => Read("VmHWM:");

    public void Mark(string phase)
    {
        lock (_gate)
        {
            _phase = phase;
            _peaks[phase] = Current;
        }
    }

    public long PeakOf(string phase)
    {
        lock (_gate)
        {
            return _peaks.GetValueOrDefault(phase);
        }
    }

    public ValueTask DisposeAsync() => _loop.DisposeAsync();

    private void Sample()
    {
        var rss = Current;
        lock (_gate)
        {
            _peaks[_phase] = Math.Max(_peaks.GetValueOrDefault(_phase), rss);
        }
    }

    private long Read(string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{_pid}/status"))
            {
                if (line.StartsWith(field, StringComparison.Ordinal))
                {
                    var kb = line[field.Length..].Trim().Split(' ')[0];
                    return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }

        return 0;
    }
}
