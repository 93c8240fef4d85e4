<#import "template.ftl" as layout>
<#import "partner-access-commons.ftl" as pa>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('purpose'); section>
<!-- template: partner-purpose-attestation.ftl -->
    <#if section = "header">
        ${msg("partnerPurposeTitle")}
    <#elseif section = "form">
        <p id="partner-purpose-text" class="instruction ${properties.kcContentWrapperClass!}">${msg("partnerPurposeText", partnerName!'', attestationDays!'')}</p>
        <form id="kc-partner-purpose-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <#assign purposeError = messagesPerField.existsError('purpose')?then(messagesPerField.get('purpose'), '')>
            <@pa.fieldGroup name="purpose" label=msg("partnerPurposeLabel") error=purposeError required=true>
                <span class="${properties.kcInputClass!}<#if purposeError?has_content> ${properties.kcError!}</#if>">
                    <textarea id="purpose" name="purpose" rows="5" minlength="20" maxlength="2000" required autofocus
                              aria-invalid="<#if purposeError?has_content>true<#else>false</#if>"<#if purposeError?has_content> aria-describedby="input-error-purpose"</#if>>${purpose!''}</textarea>
                </span>
            </@pa.fieldGroup>

            <@pa.actionGroup horizontal=true>
                <@pa.button name="submit" id="kc-submit" label="partnerPurposeSubmit" class=["kcButtonPrimaryClass"]/>
                <#if isAppInitiatedAction??>
                    <@pa.button name="cancel-aia" id="kc-cancel" label="doCancel" class=["kcButtonSecondaryClass", "kcButtonDefaultClass"] formnovalidate="formnovalidate"/>
                </#if>
            </@pa.actionGroup>
        </form>
    </#if>
</@layout.registrationLayout>
