using System.Security.Cryptography;
using System.Text;

namespace Hotline.Intake.WebForm;

/// <summary>
/// The one stylesheet of the caller's pages, served at <see cref="Path"/> as <c>text/css; charset=utf-8</c>.
/// Pages link <see cref="Href"/>, which carries a hash of the content, so the file may be cached for a year.
/// Phone first: 18 px text, 48 px tap targets, a focus ring that stays visible on every background.
/// </summary>
public static class WebFormStyles
{
    public const string Path = "/assets/form.css";

    public const string ContentType = "text/css; charset=utf-8";

    public const string Css = """
        *,*::before,*::after{box-sizing:border-box}
        html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
        body{margin:0;background:#f4f2ef;color:#1d1d1b;font-family:system-ui,-apple-system,"PingFang SC","Hiragino Sans GB","Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif;font-size:1.125rem;line-height:1.6}
        a{color:#0b4f9c;text-underline-offset:.15em}
        a:visited{color:#5a2d82}
        a:hover{color:#06305f;text-decoration-thickness:.15em}
        :focus-visible{outline:3px solid #ffbf47;outline-offset:0;box-shadow:0 0 0 6px #1d1d1b}
        a:focus-visible{background:#ffbf47;color:#1d1d1b;box-shadow:0 3px 0 #1d1d1b;outline:none;text-decoration:none}
        .wrap{max-width:40rem;margin:0 auto;padding:0 1rem}
        .skip-link{position:absolute;left:-9999px;top:0;padding:.75rem 1rem;background:#ffbf47;color:#1d1d1b;font-weight:700;z-index:10}
        .skip-link:focus{left:0}
        .visually-hidden{position:absolute!important;width:1px!important;height:1px!important;margin:0!important;padding:0!important;overflow:hidden!important;clip:rect(0 0 0 0)!important;clip-path:inset(50%)!important;white-space:nowrap!important;border:0!important}
        .masthead{background:#a3121b;color:#fff;border-bottom:.375rem solid #6e0b12}
        .masthead .wrap{display:flex;align-items:center;justify-content:space-between;gap:1rem;min-height:3.75rem}
        .brand{margin:0;font-weight:700;font-size:1.125rem;line-height:1.3}
        .brand-number{display:inline-block;margin-right:.4em;padding:0 .35em;border:2px solid #fff;border-radius:.25rem;letter-spacing:.05em}
        .masthead a{flex:none;white-space:nowrap;color:#fff;font-weight:700;display:inline-flex;align-items:center;min-height:3rem;padding:0 .5rem}
        .masthead a:focus-visible{color:#1d1d1b}
        main.wrap{display:block;padding-top:1.5rem;padding-bottom:1.5rem}
        .card{background:#fff;border-radius:.5rem;padding:1.25rem 1rem;margin:0 0 1.25rem;box-shadow:0 1px 2px rgba(0,0,0,.12)}
        h1{font-size:1.75rem;line-height:1.25;margin:0 0 .75rem}
        h2{font-size:1.375rem;line-height:1.3;margin:1.5rem 0 .75rem}
        .card>h2:first-child{margin-top:0}
        p{margin:0 0 1rem}
        .lead{font-size:1.1875rem}
        .notice{border-left:.3125rem solid #a3121b;padding:.5rem 0 .5rem .875rem;margin:0 0 1.25rem;background:#fff7f0}
        fieldset{border:0;margin:0 0 1.5rem;padding:0;min-width:0}
        legend{display:block;width:100%;font-size:1.25rem;font-weight:700;line-height:1.3;margin:0 0 .75rem;padding:0 0 .375rem;border-bottom:2px solid #e0ddd8}
        .field{margin:0 0 1.5rem}
        .field:last-child{margin-bottom:0}
        label,.label{display:block;font-weight:700;margin:0 0 .25rem}
        .tag{display:inline-block;margin-left:.25em;font-weight:400;font-size:.9375rem;color:#505a5f}
        .tag-required{color:#a3121b;font-weight:700}
        .hint{display:block;color:#505a5f;font-size:1rem;margin:0 0 .5rem}
        input[type=text],input[type=tel],select,textarea{display:block;width:100%;min-height:3rem;margin:0;padding:.5rem .625rem;border:2px solid #1d1d1b;border-radius:0;background:#fff;color:#1d1d1b;font:inherit;font-size:1.125rem;line-height:1.4}
        textarea{min-height:10rem;resize:vertical}
        select{padding-right:2rem}
        input:focus-visible,select:focus-visible,textarea:focus-visible{outline:3px solid #ffbf47;outline-offset:0;box-shadow:inset 0 0 0 2px #1d1d1b}
        .input-short{max-width:12rem}
        .input-code{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,"Liberation Mono","Noto Sans Mono CJK SC",monospace;text-transform:uppercase;letter-spacing:.1em}
        .checkbox{display:flex;align-items:flex-start;gap:.75rem;padding:.5rem 0}
        .checkbox input{flex:none;width:2.75rem;height:2.75rem;margin:0;accent-color:#a3121b}
        .checkbox label{font-weight:400;margin:0;padding-top:.5rem}
        .field-error{display:block;color:#b00020;font-weight:700;margin:0 0 .5rem}
        .field-has-error{border-left:.3125rem solid #b00020;padding-left:.875rem}
        .field-has-error input,.field-has-error select,.field-has-error textarea{border-color:#b00020}
        .error-summary{border:.3125rem solid #b00020;background:#fff;padding:1rem;margin:0 0 1.25rem}
        .error-summary:focus{outline:3px solid #ffbf47;outline-offset:0}
        .error-summary h2{margin:0 0 .5rem;font-size:1.25rem}
        .error-summary ul{margin:0;padding-left:1.25rem}
        .error-summary li{margin:.25rem 0}
        .error-summary a{color:#b00020;font-weight:700}
        .button{display:inline-flex;align-items:center;justify-content:center;width:100%;min-height:3.25rem;margin:.5rem 0 0;padding:.625rem 1.25rem;border:0;border-radius:.25rem;background:#a3121b;box-shadow:0 3px 0 #6e0b12;color:#fff;font:inherit;font-weight:700;font-size:1.1875rem;cursor:pointer;text-decoration:none}
        .button:hover{background:#860e16}
        .button:focus-visible{outline:3px solid #ffbf47;outline-offset:0;background:#ffbf47;color:#1d1d1b;box-shadow:0 3px 0 #1d1d1b}
        .button-secondary{background:#e8e6e3;color:#1d1d1b;box-shadow:0 3px 0 #929191}
        .button-secondary:hover{background:#d9d6d2}
        .lookup-fields{display:flex;flex-wrap:wrap;gap:0 1rem}
        .lookup-fields .field{flex:1 1 10rem;margin-bottom:1rem}
        .success{border-top:.5rem solid #00703c}
        .ticket{margin:0 0 1.25rem;display:grid;gap:1rem}
        .ticket div{background:#f4f2ef;border-radius:.375rem;padding:.75rem 1rem}
        .ticket dt{font-weight:700;color:#505a5f;font-size:1rem}
        .ticket dd{margin:0}
        .code-big{display:inline-block;font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,"Liberation Mono",monospace;font-size:2.25rem;font-weight:700;letter-spacing:.15em;line-height:1.2;word-break:break-all;-webkit-user-select:all;user-select:all}
        .steps{margin:0 0 1rem;padding-left:1.5rem}
        .steps li{margin:0 0 .75rem}
        .timeline{list-style:none;margin:0 0 1rem;padding:0}
        .timeline li{position:relative;margin:0;padding:0 0 1rem 2rem;border-left:3px solid #c9c5bf;margin-left:.625rem}
        .timeline li:last-child{border-left-color:transparent}
        .timeline li::before{content:"";position:absolute;left:-.8rem;top:.3rem;width:1.1rem;height:1.1rem;border-radius:50%;background:#fff;border:3px solid #c9c5bf}
        .timeline .done::before{background:#00703c;border-color:#00703c}
        .timeline [aria-current]{font-weight:700}
        .timeline time,.timeline .pending{display:block;color:#505a5f;font-size:1rem;font-weight:400}
        .footer{color:#505a5f;font-size:1rem;padding-bottom:2rem}
        @media (min-width:40em){
        .card{padding:1.75rem 2rem}
        h1{font-size:2.25rem}
        .button{width:auto}
        .ticket{grid-template-columns:1fr 1fr}
        }
        @media (forced-colors:active){.button,.error-summary,.field-has-error{border:2px solid ButtonText}}
        @media (prefers-reduced-motion:reduce){*{transition:none!important;animation:none!important}}
        """;

    /// <summary>The stylesheet address with a content hash, so a new build never shows a stale cached style.</summary>
    public static string Href { get; } = Path + "?v=" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Css)))[..10];
}
