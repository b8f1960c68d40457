using Hotline.Benchmarks;

return await RoutingBenchmark.RunAsync(args);
