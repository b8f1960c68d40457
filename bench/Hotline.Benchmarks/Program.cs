using Hotline.Benchmarks;

return args switch
{
    ["sweep", .. var rest] => await SweepBenchmark.RunAsync(rest),
    ["host", .. var rest] => await HostBenchmark.RunAsync(rest),
    ["ledger", .. var rest] => await LedgerBenchmark.RunAsync(rest),
    ["invocation", .. var rest] => await InvocationBenchmark.RunAsync(rest),
    ["azurite-loss", .. var rest] => await AzuriteLossBenchmark.RunAsync(rest),
    _ => await RoutingBenchmark.RunAsync(args),
};
