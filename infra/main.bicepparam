// Parameters for main.bicep, read from the environment so one file serves every environment and no
// secret is written down. azd sets AZURE_ENV_NAME, AZURE_LOCATION and AZURE_PRINCIPAL_ID itself.
using 'main.bicep'

param environmentName = readEnvironmentVariable('AZURE_ENV_NAME', 'hotline-dev')
param location = readEnvironmentVariable('AZURE_LOCATION', 'eastasia')

param instanceMemoryMB = 2048
param maximumInstanceCount = 100
param storageSku = 'Standard_LRS'
param logRetentionInDays = 30

param smsProvider = readEnvironmentVariable('HOTLINE_SMS_PROVIDER', 'Twilio')
param twilioAccountSid = readEnvironmentVariable('TWILIO_ACCOUNT_SID', '')
// Empty keeps the token already in Key Vault; set TWILIO_AUTH_TOKEN only to store or rotate it.
param twilioAuthToken = readEnvironmentVariable('TWILIO_AUTH_TOKEN', '')

// Empty keeps the key already in Key Vault; set PHONE_HASH_KEY on the first deployment (e.g. openssl rand -base64 32).
param phoneHashKey = readEnvironmentVariable('PHONE_HASH_KEY', '')
// Empty keeps the keys already in Key Vault; OPEN311_API_KEYS="key1,key2" stores or rotates them.
param open311ApiKeys = readEnvironmentVariable('OPEN311_API_KEYS', '')
param twilioFrom = readEnvironmentVariable('TWILIO_FROM', '')
param publicBaseUrl = readEnvironmentVariable('HOTLINE_PUBLIC_BASE_URL', '')
param defaultUnitId = readEnvironmentVariable('HOTLINE_DEFAULT_UNIT_ID', 'gs')

param adminPrincipalId = readEnvironmentVariable('AZURE_PRINCIPAL_ID', '')
param adminPrincipalType = readEnvironmentVariable('AZURE_PRINCIPAL_TYPE', 'User')
