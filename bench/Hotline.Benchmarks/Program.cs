using Hotline.Benchmarks;

return args switch
{
    ["sweep", .. var rest] => await SweepBenchmark.RunAsync(rest),
    ["host", .. var rest] => await HostBenchmark.RunAsync(rest),
    _ => await RoutingBenchmark.RunAsync(args),
};
