namespace Hotline.Open311;

/// <summary>
/// A request as <c>GET requests</c> shows it. Nothing personal: no phone, no name, no text the caller wrote
/// (<see cref="Description"/> is always null), no place finer than the region code in <see cref="AddressId"/>.
/// Times are W3C date-times in China time (+08:00).
/// </summary>
public sealed record Open311ServiceRequest(
    string ServiceRequestId,
    string Status,
    string StatusNotes,
    string ServiceName,
    string ServiceCode,
    string? Description,
    string? AgencyResponsible,
    string RequestedDatetime,
    string UpdatedDatetime,
    string? ExpectedDatetime,
    string? AddressId);
