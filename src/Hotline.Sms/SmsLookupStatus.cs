namespace Hotline.Sms;

/// <summary>What <see cref="ISentSmsLookup.FindAsync"/> learnt.</summary>
public enum SmsLookupStatus
{
    /// <summary>The provider created the message: it went out (or is on its way), and must not be sent again.</summary>
    Found,

    /// <summary>The provider has no such message: the earlier request never got there, so the text may be sent again.</summary>
    NotFound,

    /// <summary>The lookup itself got no usable answer: nothing is known yet, so ask again later and send nothing.</summary>
    Failed,
}
