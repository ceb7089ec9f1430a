<#
.SYNOPSIS
  Makes Kommunkiosk the Windows shell of the kiosk account (Shell Launcher v1), keeping Explorer for
  everyone else. Run once, elevated, on Windows 10/11 Enterprise, Education or IoT Enterprise.

.DESCRIPTION
  1. enables the Shell Launcher feature (a restart may be needed the first time),
  2. sets Kommunkiosk as the shell of -KioskUser: when the app exits (a crash, a renderer that
     keeps failing, an update) Shell Launcher starts it again,
  3. keeps explorer.exe as the shell of every other account (administrators, IT).
  See docs/deploy.md for the account, auto-logon and AppLocker steps around this.

.EXAMPLE
  .\configure-shell-launcher.ps1 -KioskUser kiosk
  .\configure-shell-launcher.ps1 -KioskUser kiosk -Remove
#>
[CmdletBinding()]
param(
  [Parameter(Mandatory = $true)] [string] $KioskUser,
  [string] $AppPath = "$env:ProgramFiles\Kommunkiosk\Kommunkiosk.exe",
  [string] $ConfigPath = "$env:ProgramData\Kommunkiosk\config.yaml",
  [switch] $Remove
)
$ErrorActionPreference = 'Stop'

# what Shell Launcher does when the shell exits
$RestartShell = 0

$feature = Get-WindowsOptionalFeature -Online -FeatureName Client-EmbeddedShellLauncher
if ($feature.State -ne 'Enabled') {
  Write-Host 'Enabling the Shell Launcher feature...'
  $result = Enable-WindowsOptionalFeature -Online -FeatureName Client-EmbeddedShellLauncher -All -NoRestart
  if ($result.RestartNeeded) {
    Write-Warning 'Restart Windows, then run this script again.'
    exit 3
  }
}

$sid = (New-Object System.Security.Principal.NTAccount($KioskUser)).Translate([System.Security.Principal.SecurityIdentifier]).Value
$launcher = [wmiclass]'\\localhost\root\standardcimv2\embedded:WESL_UserSetting'

if ($Remove) {
  $launcher.RemoveCustomShell($sid) | Out-Null
  Write-Host "Kommunkiosk is no longer the shell of $KioskUser."
  exit 0
}

if (-not (Test-Path $AppPath)) { throw "Kommunkiosk is not installed at $AppPath" }
if (-not (Test-Path $ConfigPath)) { throw "No configuration at $ConfigPath (see docs/deploy.md)" }

# check the configuration the way the kiosk will read it before making it the shell
$check = Start-Process -FilePath $AppPath -ArgumentList @('--check-config', "`"$ConfigPath`"") -Wait -PassThru -NoNewWindow
if ($check.ExitCode -ne 0) { throw "The configuration $ConfigPath has problems: run `"$AppPath`" --check-config `"$ConfigPath`"" }

$launcher.SetDefaultShell('explorer.exe', $RestartShell) | Out-Null
$shell = "`"$AppPath`" --config `"$ConfigPath`""
$launcher.SetCustomShell($sid, $shell, $null, $null, $RestartShell) | Out-Null
$launcher.SetEnabled($true) | Out-Null

Write-Host "Shell Launcher: $KioskUser now gets $shell (restarted whenever it exits); other accounts keep Explorer."
