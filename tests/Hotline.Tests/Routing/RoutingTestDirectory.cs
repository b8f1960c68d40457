using Hotline.Routing.Directory;

namespace Hotline.Tests.Routing;

/// <summary>
/// A small directory with one of everything the routing rules talk about, shaped after 定西:
/// p (province 62) → c (city 6211) → lt (621124) / wy (621123) / zx (621125, head only) → townships;
/// stations and an industry union with no regions; a second province hb whose only handler is off duty.
/// </summary>
internal static class RoutingTestDirectory
{
    public static DirectoryDocument Document() => new DirectoryDocumentBuilder()
        .Unit("p", null, "province", "620000")
        .Unit("c", "p", "city", "621100")
        .Unit("lt", "c", "county", "621124")
        .Unit("wy", "c", "county", "621123")
        .Unit("zx", "c", "county", "621125")
        .Unit("lt-ty", "lt", "township", "621124100")
        .Unit("lt-xd", "lt", "township", "621124103")
        .Unit("lt-ts", "lt", "township", "621124104")
        .Unit("lt-wq", "lt", "station")
        .Unit("lt-fw", "lt", "station")
        .Unit("wy-wq", "wy", "station")
        .Unit("jz", "c", "industry")
        .Unit("hb", null, "province", "420000")
        .Head("p-head", "p").Handler("p-1", "p")
        .Head("c-head", "c", true, "zx").Handler("c-1", "c").Handler("c-2", "c").Contact("c-contact", "c", "lt", "zx")
        .Head("lt-head", "lt").Handler("lt-3", "lt").Handler("lt-1", "lt").Handler("lt-2", "lt").Contact("lt-contact", "lt", "lt-ty", "lt-xd")
        .Head("wy-head", "wy", onDuty: false).Handler("wy-1", "wy")
        .Head("zx-head", "zx")
        .Head("lt-ty-head", "lt-ty").Handler("lt-ty-1", "lt-ty")
        .Head("lt-xd-head", "lt-xd").Handler("lt-xd-1", "lt-xd", onDuty: false)
        .Head("lt-ts-head", "lt-ts").Handler("lt-ts-1", "lt-ts")
        .Handler("lt-wq-1", "lt-wq").Handler("lt-wq-2", "lt-wq")
        .Head("lt-fw-head", "lt-fw").Handler("lt-fw-1", "lt-fw")
        .Head("wy-wq-head", "wy-wq").Handler("wy-wq-1", "wy-wq")
        .Head("jz-head", "jz").Handler("jz-1", "jz")
        .Head("hb-head", "hb").Handler("hb-1", "hb", onDuty: false)
        .Rule("wage_arrears", "621124", "lt-wq")
        .Rule("wage_arrears", "6211", "c")
        .Rule("workplace_safety", "621100", "jz")
        .Rule(null, "621124104", "lt-fw")
        .Rule("counseling", "621123", "wy")
        .Rule("*", "621123", "wy-wq")
        .Build();

    public static UnionDirectory Create() => UnionDirectory.Create(Document());
}
