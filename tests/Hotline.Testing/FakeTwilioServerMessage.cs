namespace Hotline.Testing;

/// <summary>
/// A message <see cref="FakeTwilioServer"/> created: what Twilio would deliver, and what its message list shows
/// (https://www.twilio.com/docs/messaging/api/message-resource#read-multiple-message-resources).
/// </summary>
/// <param name="Index">The request it came from (its place in <see cref="FakeTwilioServer.Requests"/>).</param>
/// <param name="From">The From number, or null when sent through a Messaging Service.</param>
/// <param name="DateCreated">On the server's <see cref="FakeTwilioServer.Clock"/>, to the second as Twilio stamps it.</param>
public sealed record FakeTwilioServerMessage(
    int Index,
    string Sid,
    string To,
    string? From,
    string? MessagingServiceSid,
    string Body,
    DateTimeOffset DateCreated);
