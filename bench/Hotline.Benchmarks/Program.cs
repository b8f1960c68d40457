using Hotline.Benchmarks;

return args is ["ledger", .. var rest] ? await LedgerBenchmark.RunAsync(rest) : await RoutingBenchmark.RunAsync(args);
