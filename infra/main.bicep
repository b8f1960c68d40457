// Hotline: a 12351-style workers' service hotline on Azure Functions (Flex Consumption, .NET isolated worker).
// Deploy: az deployment sub create --location <region> --template-file infra/main.bicep --parameters infra/main.bicepparam
// (see docs/deployment.md). Every secret reaches the app through Key Vault; no storage keys exist.
targetScope = 'subscription'

metadata description = 'Hotline: Flex Consumption function app (.NET 10 isolated worker), storage queues and tables, monitoring and Key Vault.'

@description('Name of the environment (for example dev or prod). It seeds the resource names and tags every resource.')
@minLength(1)
@maxLength(40)
param environmentName string

// Regions that offer Flex Consumption: az functionapp list-flexconsumption-locations
@description('Azure region for every resource.')
@allowed([
  'australiaeast'
  'centralindia'
  'centralus'
  'eastasia'
  'eastus'
  'eastus2'
  'francecentral'
  'germanywestcentral'
  'northcentralus'
  'northeurope'
  'southcentralus'
  'southeastasia'
  'swedencentral'
  'uksouth'
  'westcentralus'
  'westeurope'
  'westus2'
])
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Resource group to create or update. Empty: rg-<environmentName>.')
@maxLength(90)
param resourceGroupName string = ''

@description('Memory of each function app instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Upper bound of instances the function app scales out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Storage replication. Zone-redundant keeps accepted reports through a zone outage where the region has zones.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param storageSku string = 'Standard_LRS'

@description('Days Log Analytics keeps logs and telemetry.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

@description('SMS sender the app uses: Twilio sends real texts; Outbox only records them (a dry run).')
@allowed([
  'Twilio'
  'Outbox'
])
param smsProvider string = 'Twilio'

@description('Twilio account SID (AC followed by 32 hex digits). Empty only with smsProvider Outbox.')
@maxLength(34)
param twilioAccountSid string = ''

@description('Twilio auth token, stored in Key Vault. Empty leaves the vault as it is (first deploy: set it afterwards with az keyvault secret set).')
@secure()
param twilioAuthToken string = ''

@description('Key for the keyed hash that stands for phone numbers in the SMS ledger (any long random string; keep it stable). Empty leaves the vault as it is.')
@secure()
param phoneHashKey string = ''

@description('Api keys of Open311 partners (POST /api/open311/v2/requests), comma separated, each at least 16 printable characters; stored in Key Vault. Empty leaves the vault as it is (with no keys stored, every POST is refused with 403).')
@secure()
param open311ApiKeys string = ''

@description('Twilio sender: the hotline number in E.164 (+8612351...) or a messaging service SID (MG...).')
@maxLength(34)
param twilioFrom string = ''

@description('Public base URL for links in texts and pages (a custom domain). Empty: https://<function app default host name>.')
param publicBaseUrl string = ''

@description('Union unit that gets reports whose region no unit covers (Hotline:Routing:DefaultUnitId): an id in the directory in use; gs is the demo directory\'s provincial union.')
@minLength(1)
param defaultUnitId string = 'gs'

@description('Optional object id of the admin (user or group) who may set and rotate the Twilio token in Key Vault.')
param adminPrincipalId string = ''

@description('Kind of the admin principal.')
@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param adminPrincipalType string = 'User'

var abbrs = loadJsonContent('abbreviations.json')
// The tables and queues the app uses: one list, which tests/Hotline.Infra.Tests checks against the app's own names.
var appStorage = loadJsonContent('app-storage.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
  application: 'hotline'
}
var functionAppName = '${abbrs.webSitesFunctions}hotline-${resourceToken}'
var deploymentContainerName = 'app-package-${functionAppName}'

// Built-in role ids: https://learn.microsoft.com/azure/role-based-access-control/built-in-roles
var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
}

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: empty(resourceGroupName) ? '${abbrs.resourcesResourceGroups}${environmentName}' : resourceGroupName
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: '${abbrs.managedIdentityUserAssignedIdentities}hotline-${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    workspaceName: '${abbrs.operationalInsightsWorkspaces}hotline-${resourceToken}'
    appInsightsName: '${abbrs.insightsComponents}hotline-${resourceToken}'
    location: location
    tags: tags
    retentionInDays: logRetentionInDays
    principalId: identity.outputs.principalId
    roleDefinitionIds: [
      roles.monitoringMetricsPublisher
    ]
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: '${abbrs.storageStorageAccounts}${resourceToken}'
    location: location
    tags: tags
    skuName: storageSku
    containerNames: [
      deploymentContainerName
    ]
    // The Functions host moves a message to <queue>-poison after maxDequeueCount failures (host.json).
    queueNames: flatten(map(appStorage.queues, queueName => [queueName, '${queueName}-poison']))
    tableNames: appStorage.tables
    principalId: identity.outputs.principalId
    // Account-wide, because the Functions host creates what it needs: Blob Data Owner for its own containers,
    // timer locks and the deployment package; Table Data Contributor for the app's tables and the host's monthly
    // diagnostic-event tables.
    accountRoleDefinitionIds: [
      roles.storageBlobDataOwner
      roles.storageTableDataContributor
    ]
    // Only on the queues above: the app sends to them, the triggers read them, the host moves failures to -poison.
    queueRoleDefinitionId: roles.storageQueueDataContributor
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: '${abbrs.keyVaultVaults}${resourceToken}'
    location: location
    tags: tags
    twilioAuthToken: twilioAuthToken
    phoneHashKey: phoneHashKey
    open311ApiKeys: open311ApiKeys
    principalId: identity.outputs.principalId
    roleDefinitionIds: [
      roles.keyVaultSecretsUser
    ]
    adminPrincipalId: adminPrincipalId
    adminPrincipalType: adminPrincipalType
    adminRoleDefinitionId: roles.keyVaultSecretsOfficer
    workspaceId: monitoring.outputs.workspaceId
  }
}

// Takes every value from the modules above, so the app is created only after all its roles are granted.
module functionApp 'modules/function-app.bicep' = {
  name: 'function-app'
  scope: rg
  params: {
    name: functionAppName
    planName: '${abbrs.webServerFarms}hotline-${resourceToken}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    blobEndpoint: storage.outputs.blobEndpoint
    queueEndpoint: storage.outputs.queueEndpoint
    tableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerName: deploymentContainerName
    appInsightsConnectionString: monitoring.outputs.connectionString
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    smsProvider: smsProvider
    twilioAccountSid: twilioAccountSid
    twilioFrom: twilioFrom
    twilioAuthTokenReference: keyVault.outputs.twilioAuthTokenReference
    phoneHashKeyReference: keyVault.outputs.phoneHashKeyReference
    open311ApiKeysReference: keyVault.outputs.open311ApiKeysReference
    publicBaseUrl: publicBaseUrl
    defaultUnitId: defaultUnitId
  }
}

@description('Region of every resource.')
output AZURE_LOCATION string = location
@description('Tenant of the subscription.')
output AZURE_TENANT_ID string = tenant().tenantId
@description('Resource group holding the environment.')
output AZURE_RESOURCE_GROUP string = rg.name
@description('Function app to publish the package to.')
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
@description('Default host name of the function app (may carry a regional suffix).')
output AZURE_FUNCTION_APP_HOSTNAME string = functionApp.outputs.defaultHostName
@description('Base URL of the web form and the API.')
output AZURE_FUNCTION_APP_URL string = functionApp.outputs.url
@description('Storage account with the queues, tables and deployment package.')
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
@description('Blob container Flex Consumption deploys the package from.')
output AZURE_DEPLOYMENT_CONTAINER string = deploymentContainerName
@description('Key Vault holding the Twilio auth token.')
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
@description('Name of the Twilio auth token entry in the vault (az keyvault secret set --name).')
output AZURE_KEY_VAULT_TWILIO_TOKEN_NAME string = keyVault.outputs.twilioAuthTokenEntry
@description('Client id of the app identity.')
output AZURE_MANAGED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
@description('Application Insights component for logs and telemetry.')
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.appInsightsName
@description('The function app, under the name azd uses for service "api".')
output SERVICE_API_NAME string = functionApp.outputs.name
@description('Set as the hotline number\'s "A message comes in" webhook (HTTP POST).')
output TWILIO_SMS_WEBHOOK_URL string = '${functionApp.outputs.url}/api/sms/inbound'
@description('Twilio delivery status callback URL.')
output TWILIO_STATUS_CALLBACK_URL string = '${functionApp.outputs.url}/api/sms/status'
