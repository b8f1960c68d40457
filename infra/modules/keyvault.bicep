// Key Vault for the Twilio auth token. RBAC mode (no access policies), soft delete and purge protection on.
// The app reads the token through a Key Vault reference app setting, resolved with its user-assigned identity.
// Public network access stays on: Flex Consumption cannot resolve references from a network-restricted vault.

@description('Key Vault name (3-24 letters, digits and dashes).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Tags for the vault.')
param tags object

@description('Twilio auth token to store. Empty keeps whatever the vault already holds (set or rotate it with az keyvault secret set).')
@secure()
param twilioAuthToken string = ''

@description('Key for the keyed hash that stands for phone numbers in the SMS ledger and outbox. Empty keeps what the vault holds.')
@secure()
param phoneHashKey string = ''

@description('Open311 partners\' api keys, comma separated. Empty keeps what the vault holds.')
@secure()
param open311ApiKeys string = ''

@description('Principal (object) id of the app identity that reads the token.')
param principalId string

@description('Built-in role definition ids to grant the app identity on the vault.')
param roleDefinitionIds string[]

@description('Optional principal (object) id of an admin who may set and rotate the token; empty grants nothing.')
param adminPrincipalId string = ''

@description('Kind of the admin principal.')
@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param adminPrincipalType string = 'User'

@description('Built-in role definition id granted to the admin principal.')
param adminRoleDefinitionId string

@description('Log Analytics workspace that receives the vault audit log.')
param workspaceId string

// Secret names in the vault; the app setting refers to them by name, so a rotation needs no redeploy.
var twilioAuthTokenEntry = 'twilio-auth-token'
var phoneHashKeyEntry = 'phone-hash-key'
var open311ApiKeysEntry = 'open311-api-keys'

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

resource phoneHashKeyValue 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(phoneHashKey)) {
  parent: vault
  name: phoneHashKeyEntry
  properties: {
    value: phoneHashKey
    contentType: 'text/plain'
  }
}

resource open311ApiKeysValue 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(open311ApiKeys)) {
  parent: vault
  name: open311ApiKeysEntry
  properties: {
    value: open311ApiKeys
    contentType: 'text/plain'
  }
}

resource twilioAuthTokenValue 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(twilioAuthToken)) {
  parent: vault
  name: twilioAuthTokenEntry
  properties: {
    value: twilioAuthToken
    contentType: 'text/plain'
  }
}

resource appRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleDefinitionId in roleDefinitionIds: {
    name: guid(vault.id, principalId, roleDefinitionId)
    scope: vault
    properties: {
      principalId: principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleDefinitionId)
    }
  }
]

resource adminRoleAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(adminPrincipalId)) {
  name: guid(vault.id, adminPrincipalId, adminRoleDefinitionId)
  scope: vault
  properties: {
    principalId: adminPrincipalId
    principalType: adminPrincipalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', adminRoleDefinitionId)
  }
}

resource auditLog 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'audit-to-log-analytics'
  scope: vault
  properties: {
    workspaceId: workspaceId
    logs: [
      {
        categoryGroup: 'audit'
        enabled: true
      }
    ]
  }
}

output name string = vault.name
output twilioAuthTokenEntry string = twilioAuthTokenEntry
// The app setting value: resolved by the platform with keyVaultReferenceIdentity, never the token itself.
// https://learn.microsoft.com/azure/app-service/app-service-key-vault-references
output twilioAuthTokenReference string = '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${twilioAuthTokenEntry})'

output phoneHashKeyReference string = '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${phoneHashKeyEntry})'

// If the secret was never set, the platform passes this reference through unresolved; the app counts that as no key.
output open311ApiKeysReference string = '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${open311ApiKeysEntry})'
