<#--
  Building blocks shared by the partner-access login pages, shaped like keycloak.v2's field.ftl and
  buttons.ftl. The pages live in theme-resources, so Keycloak merges them into every login theme,
  including base-derived ones (keycloak v1, custom themes) that have no field.ftl or buttons.ftl;
  these macros only need the theme's properties, so the pages render in any login theme.
-->

<#-- The CSS classes of the named theme properties, each class once: keycloak.v2's kcButtonPrimaryClass
     already holds kcButtonClass, the v1 one does not. -->
<#function classes names>
    <#local result = []>
    <#list names as name>
        <#list (properties[name]!'')?split(' ') as c>
            <#if c?has_content && !result?seq_contains(c)>
                <#local result = result + [c]>
            </#if>
        </#list>
    </#list>
    <#return result?join(' ')>
</#function>

<#-- Only http(s) links are rendered as links: an agreement URL comes from the realm's policy. -->
<#function isWebUrl value>
    <#return value?is_string && value?lower_case?matches('https?://\\S+')>
</#function>

<#macro actionGroup horizontal=false>
    <div class="${properties.kcFormGroupClass!}">
        <div class="${properties.kcFormActionGroupClass!} <#if horizontal>pf-v5-u-flex-nowrap<#else>pf-v5-u-flex-wrap</#if>">
            <#nested>
        </div>
    </div>
</#macro>

<#macro button name id label class=["kcButtonPrimaryClass"] extra...>
    <button type="submit" name="${name}" id="${id}" value="true" class="${classes(["kcButtonClass"] + class)}"<#list extra as attrName, attrValue> ${attrName}="${attrValue}"</#list>>${msg(label)}</button>
</#macro>

<#macro fieldGroup name label error="" required=false>
    <div class="${properties.kcFormGroupClass!}">
        <div class="${properties.kcFormGroupLabelClass!}">
            <label for="${name}" class="${properties.kcFormLabelClass!}">
                <span class="${properties.kcFormLabelTextClass!}">${label}</span>
                <#if required>
                    <span class="${properties.kcInputRequiredClass!}" aria-hidden="true">&#42;</span>
                </#if>
            </label>
        </div>

        <#nested>

        <div id="input-error-container-${name}">
            <#if error?has_content>
                <div class="${properties.kcFormHelperTextClass!}" aria-live="polite">
                    <div class="${properties.kcInputHelperTextClass!}">
                        <div class="${properties.kcInputHelperTextItemClass!} ${properties.kcError!}" id="input-error-${name}">
                            <span class="${properties.kcInputErrorMessageClass!}">${error}</span>
                        </div>
                    </div>
                </div>
            </#if>
        </div>
    </div>
</#macro>
