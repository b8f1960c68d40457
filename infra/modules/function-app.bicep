// The Flex Consumption (FC1, Linux) plan and function app running Hotline on the .NET isolated worker.
// The package is the framework-dependent `dotnet publish` output of src/Hotline, zipped with host.json;
// the dotnet-isolated 10.0 runtime brings the .NET runtime it runs on.
// https://learn.microsoft.com/azure/azure-functions/flex-consumption-plan

@description('Function app name.')
param name string

@description('App Service plan name.')
param planName string

@description('Azure region.')
param location string

@description('Tags for the plan and the app.')
param tags object

@description('Resource id of the user-assigned identity the app runs as.')
param identityId string

@description('Client id of that identity (identity-based connections name it by client id).')
param identityClientId string

@description('Blob endpoint of the storage account, ending with a slash.')
param blobEndpoint string

@description('Queue endpoint of the storage account.')
param queueEndpoint string

@description('Table endpoint of the storage account.')
param tableEndpoint string

@description('Blob container the Flex deployment package is uploaded to.')
param deploymentContainerName string

@description('Application Insights connection string (not a secret: local auth is disabled on the component).')
param appInsightsConnectionString string

@description('Memory of each instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('Upper bound of instances the app scales out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int

@description('SMS sender the app uses.')
@allowed([
  'Twilio'
  'Outbox'
])
param smsProvider string

@description('Twilio account SID (AC...).')
param twilioAccountSid string

@description('Twilio sender: an E.164 number or a messaging service SID (MG...).')
param twilioFrom string

@description('Key Vault reference for the Twilio auth token, e.g. @Microsoft.KeyVault(VaultName=...;SecretName=...).')
param twilioAuthTokenReference string

@description('Key Vault reference for the phone hash key.')
param phoneHashKeyReference string

@description('Key Vault reference for the Open311 partners\' api keys.')
param open311ApiKeysReference string

@description('Public base URL of the web form and status links; empty uses https://<default host name>.')
param publicBaseUrl string

@description('Union unit for reports whose region no unit covers.')
param defaultUnitId string

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    publicNetworkAccess: 'Enabled'
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      remoteDebuggingEnabled: false
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      // Flex takes the language from here; it rejects the FUNCTIONS_WORKER_RUNTIME app setting.
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
    }
  }
}

// Deployments use Entra ID (az functionapp deployment / azd); no FTP or SCM basic-auth passwords exist.
// Two resources rather than a loop: the policy name selects the resource type, so Bicep checks only literal names.
resource ftpPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

var siteUrl = 'https://${site.properties.defaultHostName}'

// Flex Consumption rejects FUNCTIONS_WORKER_RUNTIME, FUNCTIONS_EXTENSION_VERSION and WEBSITE_RUN_FROM_PACKAGE:
// the runtime and the package come from functionAppConfig above.
resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: {
    // Host storage through the identity: https://learn.microsoft.com/azure/azure-functions/functions-reference#connecting-to-host-storage-with-an-identity
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identityClientId
    AzureWebJobsStorage__blobServiceUri: blobEndpoint
    AzureWebJobsStorage__queueServiceUri: queueEndpoint
    AzureWebJobsStorage__tableServiceUri: tableEndpoint
    APPLICATIONINSIGHTS_CONNECTION_STRING: appInsightsConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
    Hotline__Sms__Provider: smsProvider
    Hotline__Sms__Twilio__AccountSid: twilioAccountSid
    Hotline__Sms__Twilio__AuthToken: twilioAuthTokenReference
    Hotline__Sms__PhoneHashKey: phoneHashKeyReference
    Hotline__Open311__ApiKeys: open311ApiKeysReference
    Hotline__Sms__Twilio__From: twilioFrom
    // Twilio signs the exact URL it calls, so the app must rebuild it from this base, not from the request.
    Hotline__Sms__Twilio__WebhookBaseUrl: siteUrl
    // Sent with every text, so Twilio reports each delivery to SmsStatusCallback.
    Hotline__Sms__Twilio__StatusCallbackUrl: '${siteUrl}/api/sms/status'
    Hotline__Public__BaseUrl: empty(publicBaseUrl) ? siteUrl : publicBaseUrl
    Hotline__Routing__DefaultUnitId: defaultUnitId
    // The template creates every table and queue (infra/app-storage.json), so a cold start makes no create calls.
    Hotline__Storage__CreateIfMissing: 'false'
  }
}

output name string = site.name
output defaultHostName string = site.properties.defaultHostName
output url string = siteUrl
