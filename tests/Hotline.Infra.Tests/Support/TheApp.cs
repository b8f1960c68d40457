using System.Collections;
using System.Reflection;
using System.Text.Json.Nodes;
using Hotline.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hotline.Infra.Tests.Support;

/// <summary>
/// What the app reads and uses, found in its assemblies by reflection rather than copied into the tests:
/// its options classes (a <c>Section</c>/<c>SectionName</c> constant under "Hotline:") and their settable
/// properties, its feature registrations (<c>Add…(IServiceCollection, IConfiguration)</c>), and the table and
/// queue clients of its storage.
/// </summary>
public static class TheApp
{
    private static readonly Lazy<IReadOnlyList<Assembly>> LazyAssemblies = new(LoadAssemblies);

    public static IReadOnlyList<Assembly> Assemblies => LazyAssemblies.Value;

    /// <summary>Every options class with the section it binds.</summary>
    public static IReadOnlyList<(Type Type, string Section)> OptionsTypes =>
    [
        .. from type in Assemblies.SelectMany(a => a.GetTypes())
           where type is { IsClass: true, IsAbstract: false } && type.GetConstructor(Type.EmptyTypes) is not null
           let constant = type.GetField("Section", BindingFlags.Public | BindingFlags.Static) ?? type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)
           where constant is { IsLiteral: true } && constant.GetRawConstantValue() is string section && section.StartsWith("Hotline:", StringComparison.Ordinal)
           select (type, (string)constant.GetRawConstantValue()!),
    ];

    /// <summary>Every setting the options classes bind, in app-setting spelling ("Hotline__Sms__Provider"), with its default.</summary>
    public static IReadOnlyDictionary<string, object?> Settings
    {
        get
        {
            var settings = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
            foreach (var (type, section) in OptionsTypes)
            {
                Collect(Activator.CreateInstance(type)!, section.Replace(":", "__", StringComparison.Ordinal), settings);
            }

            return settings;
        }
    }

    /// <summary>
    /// The app's services, registered by every feature registration it has, over <paramref name="settings"/>
    /// (app-setting spelling, as Azure passes them in the environment).
    /// </summary>
    public static ServiceProvider Services(IEnumerable<KeyValuePair<string, string?>> settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key.Replace("__", ":", StringComparison.Ordinal), s.Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IConfiguration>(configuration);
        var registrations = RegistrationMethods;
        Assert.NotEmpty(registrations);
        foreach (var registration in registrations)
        {
            registration.Invoke(null, [services, configuration]);
        }

        return services.BuildServiceProvider();
    }

    /// <summary>Reads every options class from <paramref name="services"/>, which runs the app's validation of each.</summary>
    public static void ValidateOptions(IServiceProvider services)
    {
        foreach (var (type, _) in OptionsTypes)
        {
            var options = services.GetService(typeof(IOptions<>).MakeGenericType(type));
            Assert.True(options is not null, $"{type.Name} is not registered by any feature registration.");
            try
            {
                _ = options.GetType().GetProperty(nameof(IOptions<object>.Value))!.GetValue(options);
            }
            catch (TargetInvocationException e) when (e.InnerException is OptionsValidationException invalid)
            {
                Assert.Fail($"{type.Name} is invalid: {string.Join(" ", invalid.Failures)}");
            }
        }
    }

    /// <summary>
    /// The names of the tables and queues the app uses: the table and queue clients of its storage service, and
    /// the table names its options default to (the SMS ledger and outbox).
    /// </summary>
    public static (SortedSet<string> Tables, SortedSet<string> Queues) StorageNames()
    {
        var storageType = Assemblies.SelectMany(a => a.GetTypes()).Single(t => t.FullName == "Hotline.Storage.HotlineStorage");
        using var services = Services([KeyValuePair.Create<string, string?>("AzureWebJobsStorage", "UseDevelopmentStorage=true")]);
        var storage = services.GetRequiredService(storageType);

        var tables = new SortedSet<string>(StringComparer.Ordinal);
        var queues = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var property in storageType.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var value = property.GetValue(storage);
            foreach (var client in value is IEnumerable many and not string ? many.Cast<object?>() : [value])
            {
                if (client?.GetType() is { } type && type.GetProperty("Name")?.GetValue(client) is string name)
                {
                    if (type.Name.EndsWith("TableClient", StringComparison.Ordinal))
                    {
                        tables.Add(name);
                    }
                    else if (type.Name.EndsWith("QueueClient", StringComparison.Ordinal))
                    {
                        queues.Add(name);
                    }
                }
            }
        }

        foreach (var (key, value) in Settings)
        {
            if (value is string name && key.EndsWith("Table", StringComparison.Ordinal))
            {
                tables.Add(name);
            }
            else if (value is string queue && key.EndsWith("Queue", StringComparison.Ordinal))
            {
                queues.Add(queue);
            }
        }

        return (tables, queues);
    }

    /// <summary>
    /// Queues that functions are triggered by or write to: <c>queueName</c> in function.json files, and the
    /// <c>[QueueTrigger]</c>/<c>[QueueOutput]</c> attributes of isolated-worker functions.
    /// </summary>
    public static SortedSet<string> QueuesOfFunctions()
    {
        var queues = new SortedSet<string>(StringComparer.Ordinal);
        var functions = Path.Combine(RepositoryPaths.Root, "src", "Hotline", "Functions");
        if (Directory.Exists(functions))
        {
            foreach (var file in Directory.EnumerateFiles(functions, "function.json", SearchOption.AllDirectories))
            {
                foreach (var binding in JsonNode.Parse(File.ReadAllText(file))!["bindings"]!.AsArray())
                {
                    if (binding?["queueName"]?.GetValue<string>() is { } name)
                    {
                        queues.Add(name);
                    }
                }
            }
        }

        const BindingFlags Everything = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var attributes = Assemblies.SelectMany(a => a.GetTypes()).SelectMany(t => t.GetMethods(Everything))
            .SelectMany(m => m.GetCustomAttributes(inherit: false).Concat(m.GetParameters().SelectMany(p => p.GetCustomAttributes(inherit: false))))
            .Concat(Assemblies.SelectMany(a => a.GetTypes()).SelectMany(t => t.GetProperties(Everything)).SelectMany(p => p.GetCustomAttributes(inherit: false)));
        foreach (var attribute in attributes)
        {
            if (attribute.GetType().Name is "QueueTriggerAttribute" or "QueueOutputAttribute"
                && attribute.GetType().GetProperty("QueueName")?.GetValue(attribute) is string name)
            {
                queues.Add(name);
            }
        }

        return queues;
    }

    private static IReadOnlyList<MethodInfo> RegistrationMethods =>
    [
        .. from type in Assemblies.SelectMany(a => a.GetTypes())
           where type is { IsAbstract: true, IsSealed: true, IsPublic: true }
           from method in type.GetMethods(BindingFlags.Public | BindingFlags.Static)
           where method.Name.StartsWith("Add", StringComparison.Ordinal)
           let parameters = method.GetParameters()
           where parameters.Length == 2 && parameters[0].ParameterType == typeof(IServiceCollection) && parameters[1].ParameterType == typeof(IConfiguration)
           select method,
    ];

    private static void Collect(object instance, string prefix, Dictionary<string, object?> settings)
    {
        foreach (var property in instance.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.SetMethod is not { IsPublic: true } || property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            var key = $"{prefix}__{property.Name}";
            var value = property.GetValue(instance);
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(Uri) || type == typeof(TimeSpan) || type == typeof(decimal)
                || typeof(IEnumerable).IsAssignableFrom(type) || value is null)
            {
                settings[key] = value;
            }
            else
            {
                Collect(value, key, settings);
            }
        }
    }

    private static IReadOnlyList<Assembly> LoadAssemblies()
    {
        // The app and the Hotline.* libraries it references (Hotline.Sms, ...), whatever they are called by then.
        var app = Assembly.Load("Hotline");
        return [app, .. app.GetReferencedAssemblies().Where(a => a.Name!.StartsWith("Hotline.", StringComparison.Ordinal)).Select(Assembly.Load)];
    }
}
