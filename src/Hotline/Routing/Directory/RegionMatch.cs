namespace Hotline.Routing.Directory;

/// <summary>The unit covering a division code and which of its regions matched (significant form).</summary>
public sealed record RegionMatch(UnionUnit Unit, string MatchedRegion);
