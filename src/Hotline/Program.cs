using Hotline;

var app = HotlineWorker.CreateBuilder(args).Build();
app.Run();
