using System.Globalization;
using Hotline.Routing.Directory;

namespace Hotline.Tests.Routing;

/// <summary>Writes small directory documents for tests; phones are filled in from a fake range so each is unique.</summary>
internal sealed class DirectoryDocumentBuilder
{
    private readonly List<UnitEntry> _units = [];
    private readonly List<OfficerEntry> _officers = [];
    private readonly List<RuleEntry> _rules = [];

    public DirectoryDocumentBuilder Unit(string id, string? parent, string kind, params string[] regions)
    {
        _units.Add(new UnitEntry(id, id + "工会", parent, regions, kind));
        return this;
    }

    public DirectoryDocumentBuilder Head(string id, string unit, bool onDuty = true, params string[] contactUnits) =>
        Officer(id, unit, "head", onDuty, contactUnits);

    public DirectoryDocumentBuilder Handler(string id, string unit, bool onDuty = true) =>
        Officer(id, unit, "handler", onDuty, []);

    public DirectoryDocumentBuilder Contact(string id, string unit, params string[] contactUnits) =>
        Officer(id, unit, "contact", true, contactUnits);

    public DirectoryDocumentBuilder Rule(string? category, string regionPrefix, string unit)
    {
        _rules.Add(new RuleEntry(category, regionPrefix, unit));
        return this;
    }

    public DirectoryDocument Build() => new([.. _units], [.. _officers], [.. _rules]);

    public UnionDirectory BuildDirectory() => UnionDirectory.Create(Build());

    private DirectoryDocumentBuilder Officer(string id, string unit, string role, bool onDuty, string[] contactUnits)
    {
        var phone = "+86139000" + (_officers.Count + 1).ToString("D5", CultureInfo.InvariantCulture);
        _officers.Add(new OfficerEntry(id, "干部" + id, phone, unit, role, onDuty, contactUnits));
        return this;
    }
}
