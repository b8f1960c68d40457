// dotnet run --project src/Hotline.LocalHost [-- --app-root DIR --port N]
return await Hotline.LocalHost.LocalHostCommand.RunAsync(args);
