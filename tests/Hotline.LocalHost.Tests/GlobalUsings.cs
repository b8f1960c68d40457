global using Hotline.LocalHost.Tests.Infrastructure;
