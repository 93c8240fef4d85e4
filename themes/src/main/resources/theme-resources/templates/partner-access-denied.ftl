<#import "template.ftl" as layout>
<#import "partner-access-commons.ftl" as pa>
<@layout.registrationLayout displayMessage=false; section>
<!-- template: partner-access-denied.ftl -->
    <#if section = "header">
        ${msg("partnerDeniedTitle")}
    <#elseif section = "form">
        <#-- denialText is the sentence the server already formatted in the user's language; the key and
             parameters are only a fallback for a caller that did not send it. -->
        <#if denialText?has_content>
            <#assign reasonText = denialText>
        <#elseif denialReason?has_content>
            <#assign reasonText = msg(denialReason, (denialParams[0])!'', (denialParams[1])!'', (denialParams[2])!'')>
        <#else>
            <#assign reasonText = msg("partnerDeniedTitle")>
        </#if>
        <div id="kc-error-message">
            <p id="partner-access-denied" class="instruction" data-reason="${denialReason!''}">${reasonText}</p>
            <#if idpLoginUrl?has_content>
                <@pa.actionGroup>
                    <a id="partner-access-idp-login" href="${idpLoginUrl}" class="${pa.classes(["kcButtonClass", "kcButtonPrimaryClass", "kcButtonBlockClass"])}"><#if idpDisplayName?has_content>${msg("partnerDeniedSignInWith", idpDisplayName)}<#else>${msg("doLogIn")}</#if></a>
                </@pa.actionGroup>
            </#if>
            <#if !skipLink?? && client?? && client.baseUrl?has_content>
                <p><a id="backToApplication" href="${client.baseUrl}">${msg("backToApplication")}</a></p>
            </#if>
        </div>
    </#if>
</@layout.registrationLayout>
