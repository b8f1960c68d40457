// dotnet run --project src/Hotline.LocalHost [-- --app DIR --port N]
return await Hotline.LocalHost.LocalHostCommand.RunAsync(args);
