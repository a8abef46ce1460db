"""Build examples/week05.ipynb (deep networks, dropout, initialisation, momentum, batch norm) and run it on minigrad.

    python examples/make_week05.py               # build, run on minigrad, save
    python examples/make_week05.py --no-execute  # build only, without outputs

Cells in the percent format of _notebooks.py, after its one ALIAS line: the
course's week 5 labs (8.1 to 8.5) in torch code only, as in make_week04.py, on
scikit-learn's 8x8 digits in place of MNIST; each plot saved as a PNG beside
the notebook.
"""
# ruff: noqa: E501  (markdown cells are kept as written)

from pathlib import Path

from _notebooks import ALIAS, course_header, main
from _notebooks import build as _build

NOTEBOOK = Path(__file__).resolve().parent / "week05.ipynb"

INTRO = (
    course_header(5)
    + r"""
# %% [markdown]
Printed numbers are rounded to 4 digits (`f'{loss:.4f}'`) or fewer: after many float32
updates the last digits of a full print may depend on the order of the additions inside
a matrix product and on the last bit of `exp`, `sigmoid` and `tanh`, which differ between
numerical libraries.
# %%
import matplotlib.pyplot as plt
import numpy as np

import torch
import torch.nn
import torch.nn.functional as F
import torch.optim
import torch.utils.data
# %% [markdown]
The course's MNIST is replaced by the 8x8 digits that ship with scikit-learn (no download).
# %%
from sklearn.datasets import load_digits

class Digits(torch.utils.data.Dataset):
  def __init__(self, train=True):
    digits = load_digits()
    part = slice(0, 1437) if train else slice(1437, None)
    self.x = torch.from_numpy(digits.data[part]).type(torch.FloatTensor) / 16.0
    self.y = torch.from_numpy(digits.target[part]).type(torch.LongTensor)
    self.len = self.x.shape[0]

  def __getitem__(self, index):
    return self.x[index], self.y[index]

  def __len__(self):
    return self.len

train_dataset = Digits(train=True)
validation_dataset = Digits(train=False)

def train(model, optimizer, n_epochs, batch_size=100):
  criterion = torch.nn.CrossEntropyLoss()
  train_loader = torch.utils.data.DataLoader(dataset=train_dataset, batch_size=batch_size)
  loss_list, accuracy_list = [], []
  for epoch in range(n_epochs):
    model.train()
    for x, y in train_loader:
      optimizer.zero_grad()
      loss = criterion(model(x), y)
      loss.backward()
      optimizer.step()
      loss_list.append(loss.item())
    model.eval()
    _, yhat = torch.max(model(validation_dataset.x).data, 1)
    accuracy_list.append((yhat == validation_dataset.y).sum().item() / len(validation_dataset))
  return loss_list, accuracy_list
"""
)

DEEP = r"""
# %% [markdown]
### 8.1 Deeper Neural Networks with `nn.ModuleList()`
# %% [markdown]
A three-class spiral, made with NumPy
# %%
class Data(torch.utils.data.Dataset):
  def __init__(self, K=3, N=100):
    D = 2
    X = np.zeros((N * K, D))
    y = np.zeros(N * K, dtype='uint8')
    for j in range(K):
      ix = range(N * j, N * (j + 1))
      r = np.linspace(0.0, 1, N)
      t = np.linspace(j * 4, (j + 1) * 4, N) + np.random.randn(N) * 0.2
      X[ix] = np.c_[r * np.sin(t), r * np.cos(t)]
      y[ix] = j
    self.y = torch.from_numpy(y).type(torch.LongTensor)
    self.x = torch.from_numpy(X).type(torch.FloatTensor)
    self.len = y.shape[0]

  def __getitem__(self, index):
    return self.x[index], self.y[index]

  def __len__(self):
    return self.len

np.random.seed(1)
spiral_set = Data()
print(spiral_set.x.shape, spiral_set.y.shape)
print(spiral_set.x[::100])
# %% [markdown]
`Layers` lists the sizes: `[2, 50, 3]` is one hidden layer, `[2, 10, 10, 3]` two.
`nn.ModuleList` registers each `nn.Linear`, so `parameters()` finds them all.
# %%
class Net(torch.nn.Module):
  def __init__(self, Layers):
    super(Net, self).__init__()
    self.hidden = torch.nn.ModuleList()
    for input_size, output_size in zip(Layers, Layers[1:]):
      self.hidden.append(torch.nn.Linear(input_size, output_size))

  def forward(self, activation):
    L = len(self.hidden)
    for (l, linear_transform) in zip(range(L), self.hidden):
      if l < L - 1:
        activation = F.relu(linear_transform(activation))
      else:
        activation = linear_transform(activation)
    return activation

torch.manual_seed(1)
print(Net([3, 3, 4, 3]))
print([tuple(p.shape) for p in Net([3, 3, 4, 3]).parameters()])
# %%
def accuracy(model, data_set):
  _, yhat = torch.max(model(data_set.x), 1)
  return (yhat == data_set.y).numpy().mean()

def train_spiral(data_set, model, criterion, train_loader, optimizer, epochs=100):
  LOSS, ACC = [], []
  for epoch in range(epochs):
    total = 0
    for x, y in train_loader:
      optimizer.zero_grad()
      loss = criterion(model(x), y)
      loss.backward()
      optimizer.step()
      total += loss.item()
    LOSS.append(total)
    ACC.append(accuracy(model, data_set))
  return LOSS, ACC

criterion = torch.nn.CrossEntropyLoss()
spiral_loader = torch.utils.data.DataLoader(dataset=spiral_set, batch_size=20)
spiral = {}
for Layers in [[2, 50, 3], [2, 10, 10, 3], [2, 10, 10, 10, 3]]:
  torch.manual_seed(0)
  model = Net(Layers)
  optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
  LOSS, ACC = train_spiral(spiral_set, model, criterion, spiral_loader, optimizer, epochs=100)
  spiral[str(Layers)] = (model, LOSS, ACC)
  print(f'{str(Layers):18s} accuracy {ACC[-1]:.4f}')
# %%
def plot_decision_regions_3class(model, data_set, ax):
  X = data_set.x.numpy()
  y = data_set.y.numpy()
  h = .02
  x_min, x_max = X[:, 0].min() - 0.1, X[:, 0].max() + 0.1
  y_min, y_max = X[:, 1].min() - 0.1, X[:, 1].max() + 0.1
  xx, yy = np.meshgrid(np.arange(x_min, x_max, h), np.arange(y_min, y_max, h))
  XX = torch.Tensor(np.c_[xx.ravel(), yy.ravel()])
  _, yhat = torch.max(model(XX), 1)
  ax.pcolormesh(xx, yy, yhat.numpy().reshape(xx.shape), cmap='Pastel2', shading='auto')
  for k, color in enumerate('rgb'):
    ax.plot(X[y == k, 0], X[y == k, 1], color + 'o', markersize=3, label=f'y={k}')

fig, axes = plt.subplots(1, 4, figsize=(16, 3.8))
for name, (model, LOSS, ACC) in spiral.items():
  axes[0].plot(ACC, label=name)
axes[0].set_xlabel('epoch')
axes[0].set_ylabel('accuracy')
axes[0].legend()
for ax, (name, (model, LOSS, ACC)) in zip(axes[1:], spiral.items()):
  plot_decision_regions_3class(model, spiral_set, ax)
  ax.set_title(name)
fig.tight_layout()
plt.savefig('week05_deep_spiral.png')
"""

DROPOUT = r"""
# %% [markdown]
### 8.2 Dropout
# %% [markdown]
In training mode `nn.Dropout(p)` zeroes each element with probability $p$ and scales the
others by $\frac{1}{1-p}$, so the expected value is unchanged; in evaluation mode it does nothing.
# %%
torch.manual_seed(0)
drop = torch.nn.Dropout(p=0.5)
x = torch.ones(2, 8)
print('train:', drop.training)
print(drop(x))
drop.eval()
print('eval: ', drop.training)
print(drop(x))
# %% [markdown]
Two classes split by a curved boundary, with noisy points. Few samples and many hidden
neurons: a network that overfits.
# %%
class Data(torch.utils.data.Dataset):
  def __init__(self, N_SAMPLES=1000, noise_std=0.15, train=True):
    a = np.array([-1, 1, 1])
    self.x = torch.rand(N_SAMPLES, 2) * 2 - 1
    f = a[0] * self.x[:, 0] + a[1] * self.x[:, 1] ** 2 + a[2] * self.x[:, 1] ** 3
    self.y = (f > 0).type(torch.LongTensor)
    if train:
      self.x = self.x + noise_std * torch.randn(self.x.size())
    self.len = N_SAMPLES

  def __getitem__(self, index):
    return self.x[index], self.y[index]

  def __len__(self):
    return self.len

torch.manual_seed(0)
data_set = Data(N_SAMPLES=200)
validation_set = Data(N_SAMPLES=500, train=False)
print(data_set.x[:3])
# %%
class NetDrop(torch.nn.Module):
  def __init__(self, in_size, n_hidden, out_size, p=0):
    super(NetDrop, self).__init__()
    self.drop = torch.nn.Dropout(p=p)
    self.linear1 = torch.nn.Linear(in_size, n_hidden)
    self.linear2 = torch.nn.Linear(n_hidden, n_hidden)
    self.linear3 = torch.nn.Linear(n_hidden, out_size)

  def forward(self, x):
    x = F.relu(self.drop(self.linear1(x)))
    x = F.relu(self.drop(self.linear2(x)))
    x = self.linear3(x)
    return x

torch.manual_seed(0)
model = NetDrop(2, 100, 2)
model_drop = NetDrop(2, 100, 2, p=0.5)
model_drop.train()
# %% [markdown]
Both trained full batch with Adam; the dropout model switches to `eval()` to be
validated and back to `train()` to be trained.
# %%
optimizer_ofit = torch.optim.Adam(model.parameters(), lr=0.01)
optimizer_drop = torch.optim.Adam(model_drop.parameters(), lr=0.01)
criterion = torch.nn.CrossEntropyLoss()

LOSS = {'training data no dropout': [], 'validation data no dropout': [], 'training data dropout': [], 'validation data dropout': []}

for epoch in range(200):
  yhat = model(data_set.x)
  yhat_drop = model_drop(data_set.x)
  loss = criterion(yhat, data_set.y)
  loss_drop = criterion(yhat_drop, data_set.y)

  LOSS['training data no dropout'].append(loss.item())
  LOSS['validation data no dropout'].append(criterion(model(validation_set.x), validation_set.y).item())
  LOSS['training data dropout'].append(loss_drop.item())
  model_drop.eval()
  LOSS['validation data dropout'].append(criterion(model_drop(validation_set.x), validation_set.y).item())
  model_drop.train()

  optimizer_ofit.zero_grad()
  optimizer_drop.zero_grad()
  loss.backward()
  loss_drop.backward()
  optimizer_ofit.step()
  optimizer_drop.step()
# %%
model_drop.eval()
# %%
def validation_accuracy(model):
  _, yhat = torch.max(model(validation_set.x), 1)
  return (yhat == validation_set.y).numpy().mean()

print('The accuracy of the model without dropout: ', validation_accuracy(model))
print('The accuracy of the model with dropout: ', validation_accuracy(model_drop))
for key, value in LOSS.items():
  print(f'{key:28s} final loss {value[-1]:.3f}')
# %%
plt.figure(figsize=(7, 4))
for key, value in LOSS.items():
  plt.plot(np.log(np.array(value)), label=key)
plt.xlabel('iterations')
plt.ylabel('log of cost or total loss')
plt.legend()
plt.savefig('week05_dropout.png')
# %% [markdown]
Without dropout the training loss keeps falling while the validation loss rises (overfitting);
dropout keeps the two closer.
"""

INIT = r"""
# %% [markdown]
### 8.3 Initialization
# %% [markdown]
#### Same initial weights: the neurons stay identical
# %%
class Net2(torch.nn.Module):
  def __init__(self, D_in, H, D_out):
    super(Net2, self).__init__()
    self.linear1 = torch.nn.Linear(D_in, H)
    self.linear2 = torch.nn.Linear(H, D_out)

  def forward(self, x):
    x = torch.sigmoid(self.linear1(x))
    x = torch.sigmoid(self.linear2(x))
    return x

X = torch.arange(-20, 20, 1).view(-1, 1).type(torch.FloatTensor)
Y = torch.zeros(X.shape[0], 1)
Y[(X[:, 0] > -4) & (X[:, 0] < 4)] = 1.0

model = Net2(1, 2, 1)
model.state_dict()['linear1.weight'][0] = 1.0
model.state_dict()['linear1.weight'][1] = 1.0
model.state_dict()['linear1.bias'][0] = 0.0
model.state_dict()['linear1.bias'][1] = 0.0
model.state_dict()['linear2.weight'][0] = 1.0
model.state_dict()['linear2.bias'][0] = 0.0
model.state_dict()
# %%
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
criterion = torch.nn.BCELoss()
for epoch in range(200):
  optimizer.zero_grad()
  loss = criterion(model(X), Y)
  loss.backward()
  optimizer.step()

W1, b1 = model.linear1.weight.detach(), model.linear1.bias.detach()
print(f'neuron 0: w = {W1[0, 0].item():.4f}, b = {b1[0].item():.4f}')
print(f'neuron 1: w = {W1[1, 0].item():.4f}, b = {b1[1].item():.4f}')
print('identical:', torch.equal(W1[0], W1[1]) and torch.equal(b1[0], b1[1]))
# %% [markdown]
Both neurons get the same gradient at every step, so they never differ: two neurons
with the same start are one neuron. Random initialisation breaks the symmetry.
# %% [markdown]
#### Default, Xavier, He and uniform initialisation
# %% [markdown]
`nn.Linear` draws its weights from $U(-\frac{1}{\sqrt{n_{in}}}, \frac{1}{\sqrt{n_{in}}})$;
Xavier from $U(-\sqrt{\frac{6}{n_{in}+n_{out}}}, \sqrt{\frac{6}{n_{in}+n_{out}}})$ for tanh;
He (Kaiming) from $U(-\sqrt{2}\sqrt{\frac{3}{n_{in}}}, \sqrt{2}\sqrt{\frac{3}{n_{in}}})$ for relu.
`uniform_(0, 1)` draws every weight positive: a bad choice.
# %%
class NetInit(torch.nn.Module):
  def __init__(self, Layers, activation, init=None):
    super(NetInit, self).__init__()
    self.hidden = torch.nn.ModuleList()
    self.activation = activation
    for input_size, output_size in zip(Layers, Layers[1:]):
      linear = torch.nn.Linear(input_size, output_size)
      if init == 'xavier':
        torch.nn.init.xavier_uniform_(linear.weight)
      elif init == 'he':
        torch.nn.init.kaiming_uniform_(linear.weight, nonlinearity='relu')
      elif init == 'uniform':
        linear.weight.data.uniform_(0, 1)
      self.hidden.append(linear)

  def forward(self, x):
    L = len(self.hidden)
    for (l, linear_transform) in zip(range(L), self.hidden):
      if l < L - 1:
        x = self.activation(linear_transform(x))
      else:
        x = linear_transform(x)
    return x

layers = [64, 100, 100, 100, 10]
for init in [None, 'xavier', 'he', 'uniform']:
  torch.manual_seed(0)
  model = NetInit(layers, torch.tanh, init)
  W = model.hidden[0].weight
  print(f'{str(init):8s} first layer: max |w| = {W.abs().max().item():.4f}, mean |w| = {W.abs().mean().item():.4f}')
# %%
init_results = {}
for activation, inits in [(torch.tanh, [None, 'xavier', 'uniform']), (torch.relu, [None, 'he', 'uniform'])]:
  for init in inits:
    torch.manual_seed(0)
    model = NetInit(layers, activation, init)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    name = f'{activation.__name__} {init or "default"}'
    init_results[name] = train(model, optimizer, n_epochs=10)
    print(f'{name:16s} validation accuracy {init_results[name][1][-1]:.4f}')
# %%
fig, axes = plt.subplots(1, 2, figsize=(11, 4))
for name, (loss_list, accuracy_list) in init_results.items():
  axes[0].plot(loss_list, label=name)
  axes[1].plot(accuracy_list, label=name)
axes[0].set_xlabel('iteration')
axes[0].set_ylabel('training loss')
axes[0].set_yscale('log')
axes[1].set_xlabel('epoch')
axes[1].set_ylabel('validation accuracy')
axes[1].legend()
fig.tight_layout()
plt.savefig('week05_initialization.png')
"""

MOMENTUM = r"""
# %% [markdown]
### 8.4 Momentum
# %% [markdown]
SGD with momentum $\rho$ keeps a velocity: $v^{k+1} = \rho v^k + \nabla l(w^k)$,
$w^{k+1} = w^k - \eta v^{k+1}$. It rolls through flat regions and small local minima.
# %%
class one_param(torch.nn.Module):
  def __init__(self, input_size, output_size):
    super(one_param, self).__init__()
    self.linear = torch.nn.Linear(input_size, output_size, bias=False)

  def forward(self, x):
    return self.linear(x)

w = one_param(1, 1)

def cubic(yhat):
  return yhat ** 3

def plot_cubic(w, optimizer, n_steps=4):
  for param in w.parameters():
    param.data.fill_(4.0)
  parameter, loss_list = [], []
  for n in range(n_steps):
    loss = cubic(w(torch.tensor([[1.0]])))
    parameter.append(w.state_dict()['linear.weight'][0].detach().data.item())
    loss_list.append(loss.item())
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
  return parameter, loss_list

W = torch.arange(-4, 4, 0.1)
momentum_paths = {}
for momentum in [0, 0.9]:
  optimizer = torch.optim.SGD(w.parameters(), lr=0.01, momentum=momentum)
  momentum_paths[momentum] = plot_cubic(w, optimizer, n_steps=10)
  print(f'momentum {momentum}: w = ' + ', '.join(f'{p:.3f}' for p in momentum_paths[momentum][0]))
# %%
fig, axes = plt.subplots(1, 2, figsize=(11, 4), sharey=True)
for ax, (momentum, (parameter, loss_list)) in zip(axes, momentum_paths.items()):
  ax.plot(W.numpy(), cubic(W).numpy(), label='objective function')
  ax.plot(parameter, loss_list, 'ro', label='parameter values')
  ax.set_title(f'momentum = {momentum}')
  ax.set_xlabel('w')
  ax.legend()
axes[0].set_ylabel('l(w)')
fig.tight_layout()
plt.savefig('week05_momentum_cubic.png')
# %% [markdown]
On the cubic $l(w) = w^3$ plain SGD creeps down the slope; with momentum 0.9 the steps
grow. Now the spiral's network `Net([2, 50, 3])`, one run per momentum value:
# %%
momentum_results = {}
for momentum in [0, 0.1, 0.2, 0.4, 0.5]:
  torch.manual_seed(1)
  model = Net([2, 50, 3])
  optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=momentum)
  momentum_results[momentum] = train_spiral(spiral_set, model, torch.nn.CrossEntropyLoss(), spiral_loader, optimizer, epochs=40)
  print(f'momentum {momentum}: total loss {momentum_results[momentum][0][-1]:.1f}, accuracy {momentum_results[momentum][1][-1]:.4f}')
# %% [markdown]
The total loss is printed to one decimal: with momentum 0.4 and 0.5 a difference in the
last bit of `exp` (inside the cross entropy, between numerical libraries) grows over
the epochs into the 3rd digit.
# %%
fig, axes = plt.subplots(1, 2, figsize=(11, 4))
for momentum, (LOSS, ACC) in momentum_results.items():
  axes[0].plot(LOSS, label=f'momentum {momentum}')
  axes[1].plot(ACC, label=f'momentum {momentum}')
axes[0].set_xlabel('epoch')
axes[0].set_ylabel('total loss')
axes[1].set_xlabel('epoch')
axes[1].set_ylabel('accuracy')
axes[0].legend()
fig.tight_layout()
plt.savefig('week05_momentum_spiral.png')
"""

BATCHNORM = r"""
# %% [markdown]
### 8.5 Batch Normalization
# %% [markdown]
`nn.BatchNorm1d(n)` normalises each of the $n$ features over the batch,
$\hat z = \frac{z - \mu_B}{\sqrt{\sigma_B^2 + \epsilon}}\gamma + \beta$, and keeps running
averages of $\mu_B$ and $\sigma_B^2$ for evaluation mode.
# %%
bn = torch.nn.BatchNorm1d(3)
torch.manual_seed(0)
z = torch.randn(5, 3) * 4 + 2
print(bn(z).mean(dim=0).abs().max().item() < 1e-6)
print('running_mean', bn.running_mean)
print('running_var ', bn.running_var)
bn.eval()
print(bn(z[:1]))
# %%
class NetBatchNorm(torch.nn.Module):
  def __init__(self, in_size, n_hidden1, n_hidden2, out_size):
    super(NetBatchNorm, self).__init__()
    self.linear1 = torch.nn.Linear(in_size, n_hidden1)
    self.linear2 = torch.nn.Linear(n_hidden1, n_hidden2)
    self.linear3 = torch.nn.Linear(n_hidden2, out_size)
    self.bn1 = torch.nn.BatchNorm1d(n_hidden1)
    self.bn2 = torch.nn.BatchNorm1d(n_hidden2)

  def forward(self, x):
    x = self.bn1(torch.sigmoid(self.linear1(x)))
    x = self.bn2(torch.sigmoid(self.linear2(x)))
    x = self.linear3(x)
    return x

class NetSigmoid(torch.nn.Module):
  def __init__(self, in_size, n_hidden1, n_hidden2, out_size):
    super(NetSigmoid, self).__init__()
    self.linear1 = torch.nn.Linear(in_size, n_hidden1)
    self.linear2 = torch.nn.Linear(n_hidden1, n_hidden2)
    self.linear3 = torch.nn.Linear(n_hidden2, out_size)

  def forward(self, x):
    x = torch.sigmoid(self.linear1(x))
    x = torch.sigmoid(self.linear2(x))
    x = self.linear3(x)
    return x

torch.manual_seed(0)
model_norm = NetBatchNorm(64, 100, 100, 10)
torch.manual_seed(0)
model = NetSigmoid(64, 100, 100, 10)
model_norm
# %%
bn_results = {}
for name, net in [('BatchNorm', model_norm), ('no BatchNorm', model)]:
  optimizer = torch.optim.SGD(net.parameters(), lr=0.1)
  bn_results[name] = train(net, optimizer, n_epochs=5)
  print(f'{name:13s} validation accuracy per epoch: ' + ', '.join(f'{a:.3f}' for a in bn_results[name][1]))
# %% [markdown]
The model in evaluation mode predicts a single image with the running statistics
(a batch of one has no variance, which training mode refuses):
# %%
model_norm.eval()
print(torch.argmax(model_norm(validation_dataset.x[:1]), dim=1), validation_dataset.y[:1])
# %%
fig, axes = plt.subplots(1, 2, figsize=(11, 4))
for name, (loss_list, accuracy_list) in bn_results.items():
  axes[0].plot(loss_list, label=name)
  axes[1].plot(accuracy_list, label=name)
axes[0].set_xlabel('iteration')
axes[0].set_ylabel('training loss')
axes[1].set_xlabel('epoch')
axes[1].set_ylabel('validation accuracy')
axes[0].legend()
fig.tight_layout()
plt.savefig('week05_batchnorm.png')
# %% [markdown]
With batch norm the sigmoid layers' outputs are re-centred and re-scaled, the gradients do
not vanish, and the network learns in fewer iterations.
"""


def build():
    """The notebook without outputs, with stable cell ids."""
    return _build(ALIAS, INTRO, DEEP, DROPOUT, INIT, MOMENTUM, BATCHNORM)


if __name__ == "__main__":
    main(build(), NOTEBOOK, __doc__.splitlines()[0])
