{
	"patcher": {
		"fileversion": 1,
		"appversion": {
			"major": 8,
			"minor": 6,
			"revision": 0,
			"architecture": "x64",
			"modernui": 1
		},
		"classnamespace": "box",
		"rect": [
			60,
			60,
			900,
			480
		],
		"bglocked": 0,
		"openinpresentation": 0,
		"default_fontsize": 12,
		"default_fontface": 0,
		"default_fontname": "Arial",
		"gridonopen": 1,
		"gridsize": [
			15,
			15
		],
		"gridsnaponopen": 1,
		"objectsnaponopen": 1,
		"statusbarvisible": 2,
		"toolbarvisible": 1,
		"boxanimatetime": 200,
		"enablehscroll": 1,
		"enablevscroll": 1,
		"devicewidth": 0,
		"description": "",
		"digest": "",
		"tags": "",
		"style": "",
		"subpatcher_template": "",
		"assistshowspatchername": 0,
		"boxes": [
			{
				"box": {
					"id": "obj-1",
					"maxclass": "comment",
					"text": "tr.808~",
					"numinlets": 1,
					"numoutlets": 0,
					"patching_rect": [
						20,
						10,
						400,
						20
					],
					"linecount": 1
				}
			},
			{
				"box": {
					"id": "obj-2",
					"maxclass": "comment",
					"text": "The 14-parameter 808 snare synth of TimbreRemap (a voice pool; phase, envelopes and noise restart on each hit). Parameters in physical units.",
					"numinlets": 1,
					"numoutlets": 0,
					"patching_rect": [
						20,
						35,
						700,
						40
					],
					"linecount": 2
				}
			},
			{
				"box": {
					"id": "obj-3",
					"maxclass": "button",
					"numinlets": 1,
					"numoutlets": 1,
					"outlettype": [
						"bang"
					],
					"patching_rect": [
						20,
						80,
						24,
						24
					]
				}
			},
			{
				"box": {
					"id": "obj-4",
					"maxclass": "newobj",
					"text": "click~",
					"numinlets": 1,
					"numoutlets": 1,
					"outlettype": [
						"signal"
					],
					"patching_rect": [
						20,
						120,
						54,
						22
					]
				}
			},
			{
				"box": {
					"id": "obj-5",
					"maxclass": "newobj",
					"text": "tr.808~",
					"numinlets": 1,
					"numoutlets": 2,
					"outlettype": [
						"signal",
						"signal"
					],
					"patching_rect": [
						20,
						330,
						61,
						22
					]
				}
			},
			{
				"box": {
					"id": "obj-6",
					"maxclass": "message",
					"text": "osc1_freq 180, osc1_mod 0.4, osc2_freq 240, osc2_mod 0.3, freq_env_decay 50, osc1_env_decay 200, osc2_env_decay 150, noise_env_decay 200, noise_filter_freq 2500, noise_filter_q 2, osc1_gain -6, osc2_gain -12, noise_gain -4, drive -12",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						120,
						80,
						1643,
						22
					]
				}
			},
			{
				"box": {
					"id": "obj-7",
					"maxclass": "comment",
					"text": "808_snare_1",
					"numinlets": 1,
					"numoutlets": 0,
					"patching_rect": [
						120,
						60,
						200,
						20
					],
					"linecount": 1
				}
			},
			{
				"box": {
					"id": "obj-8",
					"maxclass": "message",
					"text": "osc1_freq 179, osc1_mod 0.1, osc2_freq 366, osc2_mod 0.34, freq_env_decay 21.59, osc1_env_decay 133, osc2_env_decay 106.5, noise_env_decay 108, noise_filter_freq 2295, noise_filter_q 0.5, osc1_gain -18, osc2_gain -20, noise_gain -10, drive 1",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						120,
						130,
						1699,
						22
					]
				}
			},
			{
				"box": {
					"id": "obj-9",
					"maxclass": "comment",
					"text": "808_snare_2",
					"numinlets": 1,
					"numoutlets": 0,
					"patching_rect": [
						120,
						110,
						200,
						20
					],
					"linecount": 1
				}
			},
			{
				"box": {
					"id": "obj-10",
					"maxclass": "message",
					"text": "osc1_freq 135, osc1_mod 0.43, osc2_freq 236, osc2_mod 0.53, freq_env_decay 119, osc1_env_decay 558, osc2_env_decay 43, noise_env_decay 100, noise_filter_freq 10000, noise_filter_q 1.2, osc1_gain -10, osc2_gain -14, noise_gain -53, drive -3",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						120,
						180,
						1685,
						22
					]
				}
			},
			{
				"box": {
					"id": "obj-11",
					"maxclass": "comment",
					"text": "808_tom_1",
					"numinlets": 1,
					"numoutlets": 0,
					"patching_rect": [
						120,
						160,
						200,
						20
					],
					"linecount": 1
				}
			},
			{
				"box": {
					"id": "obj-12",
					"maxclass": "flonum",
					"numinlets": 1,
					"numoutlets": 2,
					"outlettype": [
						"",
						"bang"
					],
					"patching_rect": [
						20,
						220,
						70,
						22
					]
				}
			},
			{
				"box": {
					"id": "obj-13",
					"maxclass": "newobj",
					"text": "prepend osc1_freq",
					"numinlets": 1,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						20,
						260,
						131,
						22
					]
				}
			},
			{
				"box": {
					"id": "obj-14",
					"maxclass": "comment",
					"text": "osc1_freq: Osc 1 freq, Hz 20…2000 · osc1_mod: Osc 1 mod, ratio -1…2 · osc2_freq: Osc 2 freq, Hz 20…2000 · osc2_mod: Osc 2 mod, ratio -1…2 · freq_env_decay: Pitch decay, ms 10…2000 · osc1_env_decay: Osc 1 decay, ms 10…2000 · osc2_env_decay: Osc 2 decay, ms 10…2000 · noise_env_decay: Noise decay, ms 10…2000 · noise_filter_freq: Noise HPF, Hz 20…22050 · noise_filter_q: Noise Q, Q 0.5…10 · osc1_gain: Osc 1 gain, dB -60…6 · osc2_gain: Osc 2 gain, dB -60…6 · noise_gain: Noise gain, dB -60…6 · drive: Drive, dB -24…24",
					"numinlets": 1,
					"numoutlets": 0,
					"patching_rect": [
						300,
						230,
						560,
						120
					],
					"linecount": 6
				}
			},
			{
				"box": {
					"id": "obj-15",
					"maxclass": "newobj",
					"text": "ezdac~",
					"numinlets": 2,
					"numoutlets": 0,
					"outlettype": [],
					"patching_rect": [
						20,
						400,
						54,
						22
					]
				}
			}
		],
		"lines": [
			{
				"patchline": {
					"source": [
						"obj-3",
						0
					],
					"destination": [
						"obj-4",
						0
					]
				}
			},
			{
				"patchline": {
					"source": [
						"obj-4",
						0
					],
					"destination": [
						"obj-5",
						0
					]
				}
			},
			{
				"patchline": {
					"source": [
						"obj-6",
						0
					],
					"destination": [
						"obj-5",
						0
					]
				}
			},
			{
				"patchline": {
					"source": [
						"obj-8",
						0
					],
					"destination": [
						"obj-5",
						0
					]
				}
			},
			{
				"patchline": {
					"source": [
						"obj-10",
						0
					],
					"destination": [
						"obj-5",
						0
					]
				}
			},
			{
				"patchline": {
					"source": [
						"obj-12",
						0
					],
					"destination": [
						"obj-13",
						0
					]
				}
			},
			{
				"patchline": {
					"source": [
						"obj-13",
						0
					],
					"destination": [
						"obj-5",
						0
					]
				}
			},
			{
				"patchline": {
					"source": [
						"obj-5",
						0
					],
					"destination": [
						"obj-15",
						0
					]
				}
			},
			{
				"patchline": {
					"source": [
						"obj-5",
						0
					],
					"destination": [
						"obj-15",
						1
					]
				}
			}
		]
	}
}
