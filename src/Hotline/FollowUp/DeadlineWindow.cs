namespace Hotline.FollowUp;

/// <summary>The two windows every assigned case is chased through (SPEC "Follow-up").</summary>
public enum DeadlineWindow
{
    /// <summary>签收: from the assignment until the officer acknowledges.</summary>
    Acknowledgement,

    /// <summary>办结: from the assignment until the officer resolves.</summary>
    Resolution,
}
