<#import "template.ftl" as layout>
<#import "partner-access-commons.ftl" as pa>
<@layout.registrationLayout; section>
<!-- template: partner-agreement.ftl -->
    <#if section = "header">
        ${msg("partnerAgreementTitle")}
    <#elseif section = "form">
        <div id="partner-agreement" class="${properties.kcContentWrapperClass!}">
            <p class="instruction">${msg("partnerAgreementText", partnerName!'', agreementVersion!'')}</p>
            <#if agreementUrl?? && pa.isWebUrl(agreementUrl)>
                <p><a id="partner-agreement-link" href="${agreementUrl}" target="_blank" rel="noopener">${msg("partnerAgreementLink")}</a></p>
            </#if>
        </div>
        <form id="kc-partner-agreement-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <@pa.actionGroup horizontal=true>
                <@pa.button name="accept" id="kc-accept" label="partnerAgreementAccept" class=["kcButtonPrimaryClass"]/>
                <@pa.button name="decline" id="kc-decline" label="partnerAgreementDecline" class=["kcButtonSecondaryClass", "kcButtonDefaultClass"]/>
            </@pa.actionGroup>
        </form>
    </#if>
</@layout.registrationLayout>
