namespace Hotline.Infra.Tests.Support;

/// <summary>Every test class shares one compilation of infra/ (bicep takes a few seconds per command).</summary>
[CollectionDefinition(Name)]
public sealed class SharedInfrastructure : ICollectionFixture<CompiledInfrastructure>
{
    public const string Name = "Compiled infrastructure";
}
